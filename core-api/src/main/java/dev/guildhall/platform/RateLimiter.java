package dev.guildhall.platform;

import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window rate limits counted in PostgreSQL ({@code rate_limit_window}), shared by every instance, without a
 * database write per request: an instance reserves tokens from a window's shared count in blocks and spends them
 * from memory. A request waits for the database only when its instance's block ran out, and then without blocking
 * its thread: the reservations of the moment are one statement ({@link Grouping}).
 * <p>
 * A reservation takes a tenth ({@link #SHARE}) of what is left of the window, at least one token: blocks are large
 * while a window is young and shrink as it fills, so a busy bucket costs a statement now and then, and the last
 * tokens go out one at a time.
 * <ul>
 *   <li>Never more than the limit: the database hands out at most {@code limit} tokens per window, however many
 *       instances share it and however fast a burst comes.</li>
 *   <li>Fewer than the limit, bounded: tokens one instance reserved and has not spent are refused to the others.
 *       An instance holds at most one block per bucket, a tenth of what was left when it took it, so it keeps at
 *       most ⌈limit/10⌉ from the others, and much less once the window is nearly used up (where its blocks were
 *       small). Its next requests of the bucket spend them; when it stops, it gives them back; a crashed instance
 *       loses them (they count as used until its window ends).</li>
 *   <li>A used-up window is asked again at most once per {@link #RECHECK_MILLIS} by each instance (a stopping
 *       instance may have given tokens back); meanwhile its refusals are answered from memory.</li>
 * </ul>
 * Written here rather than taken from bucket4j: its PostgreSQL backend runs a locking transaction per request on
 * the calling thread, and its optimisations that avoid that spend tokens before the database granted them, which
 * is the overshoot across instances that reserving first prevents.
 */
@ApplicationScoped
public class RateLimiter {

    static final int SHARE = 10;
    static final long RECHECK_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The answer for one bucket: allowed or not, and what the RateLimit-* headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, int windowSeconds) {}

    /**
     * One reservation per window: on a new row the first block, on a known one a tenth of what is left. Every
     * expression of the update reads the row as it was, and the row stays locked until the statement commits.
     */
    private static final String RESERVE = """
            insert into rate_limit_window as w (bucket, window_start, cap, hits, granted)
            select b, to_timestamp(s), c, ceil(c / %1$d.0)::int, ceil(c / %1$d.0)::int
            from unnest(?::text[], ?::bigint[], ?::int[]) as r(b, s, c)
            on conflict (bucket, window_start) do update
            set cap = excluded.cap,
                granted = ceil(greatest(excluded.cap - w.hits, 0) / %1$d.0)::int,
                hits = w.hits + ceil(greatest(excluded.cap - w.hits, 0) / %1$d.0)::int
            returning bucket, extract(epoch from window_start)::bigint, hits, granted""".formatted(SHARE);

    /** This instance's part of one bucket's current window. */
    private static final class Window {
        final String bucket;
        final long start;
        final long end;
        final int limit;
        final int seconds;
        /** Reserved by this instance and not spent yet. */
        final AtomicInteger tokens = new AtomicInteger();
        /** The shared count as the last reservation left it: tokens handed out to all instances. */
        volatile int reserved;
        /** When the database last had nothing left to give (epoch milliseconds); 0 when it gave. */
        volatile long refusedAt;

        Window(String bucket, long start, int seconds, int limit) {
            this.bucket = bucket;
            this.start = start;
            this.end = start + seconds;
            this.limit = limit;
            this.seconds = seconds;
        }

        boolean take() {
            for (int t = tokens.get(); t > 0; t = tokens.get()) {
                if (tokens.compareAndSet(t, t - 1)) return true;
            }
            return false;
        }

        /** Remaining: what the database has left plus what this instance holds. */
        Decision decision(boolean allowed, long nowMillis) {
            int remaining = allowed ? Math.max(0, limit - reserved + tokens.get()) : 0;
            return new Decision(allowed, limit, remaining, Math.max(1, end - nowMillis / 1000), seconds);
        }
    }

    private final DataSource dataSource;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Grouping<Window, Void> reservations;

    public RateLimiter(DataSource dataSource, Tracer tracer) {
        this.dataSource = dataSource;
        this.reservations = new Grouping<>("rate-limit-reservations", dataSource, tracer, this::reserve);
    }

    /**
     * Counts one request in {@code bucket} when this instance can decide from memory: allowed with a token it holds,
     * or refused while the window is used up. Null when it must reserve first: then {@link #acquire}.
     */
    public Decision tryAcquire(String bucket, int limit, int windowSeconds) {
        long now = System.currentTimeMillis();
        Window w = window(bucket, limit, windowSeconds, now);
        if (w.take()) return w.decision(true, now);
        long refused = w.refusedAt;
        return refused != 0 && now - refused < RECHECK_MILLIS ? w.decision(false, now) : null;
    }

    /** Counts one request in {@code bucket}, reserving tokens first when this instance holds none. */
    public Uni<Decision> acquire(String bucket, int limit, int windowSeconds) {
        Decision decided = tryAcquire(bucket, limit, windowSeconds);
        if (decided != null) return Uni.createFrom().item(decided);
        Window w = window(bucket, limit, windowSeconds, System.currentTimeMillis());
        // the reserved block may be spent by other waiting requests first: then this one tries again
        return Uni.createFrom().completionStage(reservations.submit(w))
                .flatMap(reserved -> acquire(bucket, limit, windowSeconds));
    }

    /** The refusal when this instance knows the bucket's window is used up, else null; counts nothing. */
    public Decision refusal(String bucket, int windowSeconds) {
        long now = System.currentTimeMillis();
        Window w = windows.get(bucket);
        if (w == null || w.start != windowStart(now, windowSeconds) || w.refusedAt == 0 || w.tokens.get() > 0) return null;
        return w.decision(false, now);
    }

    private Window window(String bucket, int limit, int seconds, long nowMillis) {
        long start = windowStart(nowMillis, seconds);
        Window w = windows.get(bucket);
        if (w != null && w.start == start) return w;
        return windows.compute(bucket, (b, old) -> old != null && old.start >= start ? old : new Window(b, start, seconds, limit));
    }

    private static long windowStart(long nowMillis, int seconds) {
        long epoch = nowMillis / 1000;
        return epoch - Math.floorMod(epoch, seconds);
    }

    /** The group's reservations: one per window, none for a window that got tokens while its requests queued. */
    private List<Void> reserve(Connection c, List<Window> waiting) throws SQLException {
        Map<String, Window> ask = new LinkedHashMap<>();
        for (Window w : waiting) {
            if (w.tokens.get() == 0) ask.putIfAbsent(w.bucket + "|" + w.start, w);
        }
        if (!ask.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(RESERVE)) {
                ps.setArray(1, c.createArrayOf("text", ask.values().stream().map(w -> w.bucket).toArray()));
                ps.setArray(2, c.createArrayOf("int8", ask.values().stream().map(w -> w.start).toArray()));
                ps.setArray(3, c.createArrayOf("int4", ask.values().stream().map(w -> w.limit).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    long now = System.currentTimeMillis();
                    while (rs.next()) {
                        Window w = ask.get(rs.getString(1) + "|" + rs.getLong(2));
                        int granted = rs.getInt(4);
                        w.reserved = rs.getInt(3);
                        w.refusedAt = granted == 0 ? now : 0;
                        w.tokens.addAndGet(granted);
                    }
                }
            }
        }
        return Collections.nCopies(waiting.size(), null);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        reservations.stop();
        giveBack();
    }

    /** What this instance holds of windows still running goes back to the shared counts, for the other instances. */
    void giveBack() {
        long now = System.currentTimeMillis() / 1000;
        List<Window> held = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Window w : windows.values()) {
            int n = w.end > now ? w.tokens.getAndSet(0) : 0;
            if (n > 0) {
                held.add(w);
                counts.add(n);
            }
        }
        if (held.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update rate_limit_window w set hits = greatest(w.hits - r.n, 0)
                from unnest(?::text[], ?::bigint[], ?::int[]) as r(b, s, n)
                where w.bucket = r.b and w.window_start = to_timestamp(r.s)""")) {
            ps.setArray(1, c.createArrayOf("text", held.stream().map(w -> w.bucket).toArray()));
            ps.setArray(2, c.createArrayOf("int8", held.stream().map(w -> w.start).toArray()));
            ps.setArray(3, c.createArrayOf("int4", counts.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("could not give back %d reserved rate-limit blocks; they count as used until their windows end: %s",
                    held.size(), e.toString());
        }
    }

    /** Forgets this instance's part of windows that ended (memory only; it waits out an outage like every job). */
    @Scheduled(every = "30s", delayed = "30s", skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetEndedWindows() {
        long now = System.currentTimeMillis() / 1000;
        windows.values().removeIf(w -> w.end < now);
    }

    /** Drops windows that ended long ago; run by any instance, repeating it is harmless. */
    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetOldWindows() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from rate_limit_window where window_start < now() - interval '2 hours'")) {
            ps.executeUpdate();
        }
    }
}
