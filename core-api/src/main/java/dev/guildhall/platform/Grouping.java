package dev.guildhall.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.persistence.PersistenceException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Small database work of many requests done as one: one thread takes everything queued while it did the previous
 * group and hands it to {@code work} on one connection — one statement, one round trip, one commit however many
 * requests wait (group commit). Under load a hundred hot-path writes cost the database about what one did, and no
 * request's thread waits for them. A stage completes only once its group is done (committed, for writes), or fails
 * with a {@link PersistenceException} when the group failed; it completes on the caller's Vert.x context, so what
 * follows runs on the request's own event loop and not, request after request, on this one thread.
 * Written here rather than taken from a library: it is the one loop below, and it must hand back per-request
 * results of one JDBC statement, which a generic batcher would hide.
 * <p>
 * Tracing: each group is a span named after the grouping, and its statements are that span's children. The span's
 * parent is the first traced request's span, and it links every other traced request's span, so a request that had
 * the group to itself (any request at a chat bot's pace) shows its statements in its own trace, and under load each
 * request's trace leads to the group that did its work. A group of untraced requests has no span.
 */
public final class Grouping<I, O> {

    /** The work of one group on one connection: one result per item, in order. */
    @FunctionalInterface
    public interface Work<I, O> {
        List<O> run(Connection connection, List<I> items) throws SQLException;
    }

    /** The most items one group carries; more wait for the next group. */
    static final int MAX_GROUP = 500;

    private record Waiting<I, O>(I item, CompletableFuture<O> done, Context context,
                                 io.opentelemetry.context.Context trace) {}

    private final String name;
    private final DataSource dataSource;
    private final Tracer tracer;
    private final Work<I, O> work;
    private final BlockingQueue<Waiting<I, O>> queue = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private Thread thread;

    /** {@code name} names the thread, the spans and the failures. */
    public Grouping(String name, DataSource dataSource, Tracer tracer, Work<I, O> work) {
        this.name = name;
        this.dataSource = dataSource;
        this.tracer = tracer;
        this.work = work;
    }

    /** Queues {@code item} for the next group. */
    public CompletionStage<O> submit(I item) {
        Waiting<I, O> w = new Waiting<>(item, new CompletableFuture<>(), Vertx.currentContext(),
                io.opentelemetry.context.Context.current());
        synchronized (this) { // against stop(): an item queued after the thread left would wait for ever
            if (stopped) {
                w.done().completeExceptionally(new PersistenceException(name + " is closed: the instance is stopping"));
                return w.done();
            }
            if (thread == null) {
                thread = new Thread(this::loop, name);
                thread.setDaemon(true);
                thread.start();
            }
            queue.add(w);
        }
        return w.done();
    }

    private void loop() {
        List<Waiting<I, O>> group = new ArrayList<>();
        while (!stopped || !queue.isEmpty()) {
            try {
                Waiting<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            run(group);
            group.clear();
        }
    }

    /** One group: never throws, so that the thread outlives any failure and no stage is left waiting. */
    private void run(List<Waiting<I, O>> group) {
        List<O> results;
        Span span = span(group);
        // without a span (nothing traced) the statements see the first request's context, and are not traced either
        io.opentelemetry.context.Context current = span == null ? group.get(0).trace()
                : io.opentelemetry.context.Context.root().with(span);
        try (Scope ignored = current.makeCurrent(); Connection c = dataSource.getConnection()) {
            results = work.run(c, group.stream().map(Waiting::item).toList());
            if (results.size() != group.size()) {
                throw new IllegalStateException(results.size() + " results for " + group.size() + " items");
            }
        } catch (Throwable ex) {
            if (span != null) {
                span.recordException(ex);
                span.setStatus(StatusCode.ERROR);
                span.end();
            }
            PersistenceException failed = new PersistenceException(name + " failed", ex);
            group.forEach(w -> complete(w, null, failed));
            return;
        }
        if (span != null) span.end();
        for (int i = 0; i < group.size(); i++) complete(group.get(i), results.get(i), null);
    }

    /**
     * The group's span: a child of the first traced (sampled) request's span, linking the other traced requests'
     * (see the class comment); null when no waiting request is traced, as when tracing is off, which then costs
     * nothing more than a look at each request's context.
     */
    private Span span(List<Waiting<I, O>> group) {
        SpanBuilder span = null;
        for (Waiting<I, O> w : group) {
            SpanContext waiting = Span.fromContext(w.trace()).getSpanContext();
            if (!waiting.isSampled()) continue;
            if (span == null) {
                span = tracer.spanBuilder(name).setParent(w.trace()).setAttribute("guildhall.group.size", group.size());
            } else {
                span.addLink(waiting);
            }
        }
        return span == null ? null : span.startSpan();
    }

    private static <I, O> void complete(Waiting<I, O> w, O result, Throwable failure) {
        Runnable done = failure == null ? () -> w.done().complete(result) : () -> w.done().completeExceptionally(failure);
        if (w.context() == null) done.run();
        else w.context().runOnContext(v -> done.run());
    }

    /** Does what is queued before the data source closes; nothing is accepted after. */
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t != null) t.join(5000); // not interrupted: a group under way finishes, the queue is done
    }
}
