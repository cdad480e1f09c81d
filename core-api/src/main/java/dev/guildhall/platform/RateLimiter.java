package dev.guildhall.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window rate limits whose counts live in PostgreSQL ({@code rate_limit_window}), shared by
 * every instance. Each instance adds its hits to the shared row every {@link #FLUSH_MILLIS} ms in
 * one batched upsert and reads back the global total; a decision uses that total plus the hits not
 * yet flushed. Why not one write per request: it would double the cost of every call and serialise
 * all calls of a busy key on one row lock. The price is bounded: other instances' hits are seen at
 * most {@link #FLUSH_MILLIS} ms late, and a crashed instance loses at most that long of counting.
 */
@ApplicationScoped
public class RateLimiter {

    public static final long FLUSH_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The answer for one bucket: allowed or not, and what the RateLimit-* headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, int windowSeconds) {}

    private static final class Window {
        final String bucket;
        final Instant start;
        final Instant end;
        final AtomicInteger pending = new AtomicInteger();
        /** Hits sent to the database whose total has not come back yet. */
        final AtomicInteger inFlight = new AtomicInteger();
        volatile int globalSeen;

        int used() {
            return globalSeen + inFlight.get() + pending.get();
        }

        Window(String bucket, Instant start, int seconds) {
            this.bucket = bucket;
            this.start = start;
            this.end = start.plusSeconds(seconds);
        }
    }

    private final DataSource dataSource;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public RateLimiter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rate-limit-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (flusher != null) flusher.shutdown();
        flushQuietly();
    }

    /** Counts one hit in {@code bucket} unless it already reached {@code limit} in this window. */
    public Decision acquire(String bucket, int limit, int windowSeconds) {
        Instant now = Instant.now();
        long epoch = now.getEpochSecond();
        Instant start = Instant.ofEpochSecond(epoch - Math.floorMod(epoch, windowSeconds));
        long reset = Math.max(1, start.getEpochSecond() + windowSeconds - epoch);
        Window w = windows.computeIfAbsent(bucket + "|" + start.getEpochSecond(), k -> new Window(bucket, start, windowSeconds));
        if (w.used() >= limit) {
            return new Decision(false, limit, 0, reset, windowSeconds);
        }
        w.pending.incrementAndGet();
        return new Decision(true, limit, Math.max(0, limit - w.used()), reset, windowSeconds);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (Exception e) {
            // the database being away must not stop counting; pending hits are kept for the next flush
            LOG.debugf("rate-limit flush failed: %s", e.toString());
        }
    }

    /** Adds pending hits to the shared rows and reads back the totals; forgets finished windows. */
    void flush() throws SQLException {
        Instant now = Instant.now();
        List<Window> dirty = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            Window w = e.getValue();
            // move pending -> inFlight counting them twice for an instant rather than not at all
            int n = w.pending.get();
            w.inFlight.addAndGet(n);
            w.pending.addAndGet(-n);
            if (n > 0) {
                dirty.add(w);
                counts.add(n);
            } else if (w.inFlight.get() == 0 && now.isAfter(w.end.plusSeconds(5))) {
                windows.remove(e.getKey());
            }
        }
        if (dirty.isEmpty()) return;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into rate_limit_window (bucket, window_start, hits)
                     select * from unnest(?::text[], ?::timestamptz[], ?::int[])
                     on conflict (bucket, window_start) do update set hits = rate_limit_window.hits + excluded.hits
                     returning bucket, window_start, hits""")) {
            Array buckets = c.createArrayOf("text", dirty.stream().map(w -> w.bucket).toArray());
            Array starts = c.createArrayOf("timestamptz", dirty.stream().map(w -> Timestamp.from(w.start)).toArray());
            Array hits = c.createArrayOf("int4", counts.toArray());
            ps.setArray(1, buckets);
            ps.setArray(2, starts);
            ps.setArray(3, hits);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Window w = windows.get(rs.getString(1) + "|" + rs.getTimestamp(2).toInstant().getEpochSecond());
                    if (w != null) w.globalSeen = Math.max(w.globalSeen, rs.getInt(3));
                }
            }
            for (int i = 0; i < dirty.size(); i++) dirty.get(i).inFlight.addAndGet(-counts.get(i));
        } catch (SQLException e) {
            for (int i = 0; i < dirty.size(); i++) {
                dirty.get(i).pending.addAndGet(counts.get(i));
                dirty.get(i).inFlight.addAndGet(-counts.get(i));
            }
            throw e;
        }
    }

    /** Drops windows that ended long ago; run by any instance, repeating it is harmless. */
    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "2m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetOldWindows() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from rate_limit_window where window_start < now() - interval '2 hours'")) {
            ps.executeUpdate();
        }
    }
}
