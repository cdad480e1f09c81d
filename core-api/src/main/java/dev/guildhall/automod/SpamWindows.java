package dev.guildhall.automod;

import dev.guildhall.platform.RateLimiter;
import dev.guildhall.server.ServerConfig.Window;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Each author's recent messages (time and content hash), shared by every instance through PostgreSQL
 * ({@code automod_window}, one row per author) without a database write per message — the same trade
 * as {@link RateLimiter}, because one locked upsert per chat message made every message check as costly
 * as a database insert:
 * <ul>
 *   <li>A message is counted at once against this instance's view of the author's row plus the
 *       messages this instance has not stored yet, under the author's lock: messages through one
 *       instance count exactly, also when they arrive at the same moment.</li>
 *   <li>Every {@link #FLUSH_MILLIS} ms one statement appends every author's new messages to their rows
 *       and returns the merged rows, which become the views.</li>
 *   <li>An author whose view is older than {@link #FRESH_MILLIS} ms brings the next flush forward to
 *       {@link #STALE_FLUSH_MILLIS} ms after the last one, so what other instances stored meanwhile is
 *       known within that time. The flush is the read: a separate read per stale author cost
 *       PostgreSQL a statement per message (half its CPU in the automod bench, run 8). So messages sent
 *       through other instances count within about {@code FLUSH_MILLIS} while an author keeps writing
 *       here, and after a quiet second here, the messages of the next {@code STALE_FLUSH_MILLIS} ms count
 *       against what this instance last knew. A spammer spread over N instances is caught at most that
 *       many messages per instance late.</li>
 * </ul>
 * A crashed instance forgets at most its last {@link #FLUSH_MILLIS} ms of messages. With the database
 * away, messages are counted against what this instance knows and stored once it is back. Views keep only
 * what the author's windows can still count and rows at most twice that: a server whose longest window is
 * 30 s keeps 30 to 60 s of messages per author, not the hour the longest allowed window would need.
 */
@ApplicationScoped
public class SpamWindows {

    /** Counts within the windows, this message included. */
    public record Counts(int duplicates, int messages) {}

    /** The most messages kept per author: windows count at most 100, so anything beyond cannot matter. */
    static final int KEEP = 101;
    static final long FLUSH_MILLIS = 200;
    static final long STALE_FLUSH_MILLIS = 20;
    static final long FRESH_MILLIS = 1000;
    /** Beyond this many authors in memory, the sweep forgets every idle one: their rows are read again. */
    static final int MAX_AUTHORS = 100_000;
    /** How often the sync thread looks through every author for idle ones to forget. */
    private static final long SWEEP_MILLIS = 1000;
    /** The longest window the configuration allows: no row ever keeps older messages. */
    private static final long LONGEST_WINDOW_MILLIS = 3_600_000;
    private static final Logger LOG = Logger.getLogger(SpamWindows.class);

    private record Message(long at, long hash) {}

    /** One author as this instance knows them; every field is guarded by the object's monitor. */
    private static final class Author {
        final String server;
        final String author;
        long[] times = new long[0];
        long[] hashes = new long[0];
        /** When the view was read from the database; 0: never. */
        long loadedAt;
        /** Until when its messages can still count in a window: the entry is kept that long. */
        long keepUntil;
        /** The longest of the author's windows, as of the last message: what the view has to keep. */
        long span;
        List<Message> pending = new ArrayList<>();
        /** Messages being stored by the flush in progress: not in the view yet, no longer pending. */
        List<Message> inFlight = List.of();
        boolean forgotten;

        Author(String server, String author) {
            this.server = server;
            this.author = author;
        }

        Counts count(long now, long hash, Window duplicate, Window rate) {
            long dupFrom = duplicate == null ? Long.MAX_VALUE : now - duplicate.seconds() * 1000L;
            long rateFrom = rate == null ? Long.MAX_VALUE : now - rate.seconds() * 1000L;
            int dup = 0;
            int all = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] > rateFrom) all++;
                if (times[i] > dupFrom && hashes[i] == hash) dup++;
            }
            for (List<Message> list : List.of(inFlight, pending)) {
                for (Message m : list) {
                    if (m.at() > rateFrom) all++;
                    if (m.at() > dupFrom && m.hash() == hash) dup++;
                }
            }
            return new Counts(dup, all);
        }

        /**
         * Takes the merged row as the view, without the messages no window of the author can count any more. Rows are
         * appended to batch by batch, so a message another instance stored late may follow a newer one: every message
         * is looked at, not a prefix.
         */
        void view(Long[] times, Long[] hashes, long loadedAt) {
            long from = loadedAt - span;
            int kept = 0;
            for (Long t : times) if (t > from) kept++;
            this.times = new long[kept];
            this.hashes = new long[kept];
            for (int i = 0, j = 0; i < times.length; i++) {
                if (times[i] <= from) continue;
                this.times[j] = times[i];
                this.hashes[j++] = hashes[i];
            }
            this.loadedAt = loadedAt;
        }
    }

    /** Whether a row may simply be appended to: it stays within KEEP messages and its oldest is within two spans. */
    private static final String APPEND_ONLY = """
            cardinality(w.times) + cardinality(excluded.times) <= (select keep from bounds)
            and coalesce(w.times[1] > (select trim_before from bounds), true)""";
    /**
     * One column ({@code t} or {@code h}) of the row without what no window can count, its newest KEEP messages.
     * Both columns order by time, then hash, so they pick the same messages and stay in pairs.
     */
    private static final String TRIMMED = """
            (select coalesce(array_agg(r.%s order by r.t, r.h), '{}') from (
               select x.t, x.h from unnest(w.times || excluded.times, w.hashes || excluded.hashes) as x(t, h)
               where x.t > (select cutoff from bounds) order by x.t desc, x.h desc
               limit (select keep from bounds)) r)""";
    /**
     * Appends every author's new messages to their row and returns the rows. Most flushes only append: a row is
     * rewritten without what no window can count (unnest, sort, aggregate — half of PostgreSQL's work per message,
     * measured with pgbench) only when it would pass KEEP messages or its oldest message is older than twice the
     * longest span, so rows hold up to two spans and views trim the rest.
     */
    private static final String FLUSH = """
            with incoming as (
              select e.s, e.a, array_agg(e.t order by e.t) as ts, array_agg(e.h order by e.t) as hs
              from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) as e(s, a, t, h)
              group by e.s, e.a),
            bounds as (select ?::bigint as keep, ?::bigint as cutoff, ?::bigint as trim_before)
            insert into automod_window as w (server, author, times, hashes, last_at)
            select s, a, ts, hs, now() from incoming
            on conflict (server, author) do update set
              times = case when %1$s then w.times || excluded.times else %2$s end,
              hashes = case when %1$s then w.hashes || excluded.hashes else %3$s end,
              last_at = now()
            returning server, author, times, hashes""".formatted(APPEND_ONLY, TRIMMED.formatted("t"), TRIMMED.formatted("h"));

    private final DataSource dataSource;
    private final Map<String, Author> authors = new ConcurrentHashMap<>();
    /**
     * Authors with pending messages, each queued by the message that made its pending list non-empty: a flush
     * visits only these, not every author in memory: walking 40000 authors under their locks ~40 times a second
     * (stale views bring most flushes forward) kept the sync thread at 4–8 % of a core in the automod bench, half
     * that since (bench/RESULTS.md, run 12).
     */
    private final Queue<Author> dirty = new ConcurrentLinkedQueue<>();
    /** Holds a token while an author with a stale view waits for the next flush. */
    private final BlockingQueue<Boolean> staleWrites = new ArrayBlockingQueue<>(1);
    private volatile boolean running;
    private volatile long databaseAwayUntil;
    private Thread sync;

    public SpamWindows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        sync = new Thread(this::syncLoop, "spam-window-sync");
        sync.setDaemon(true);
        sync.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (sync != null) {
            sync.interrupt();
            sync.join(2000);
        }
        flushQuietly();
    }

    /** Counts this message in the author's windows and returns the counts, this message included. */
    public Counts record(String server, String author, long hash, Window duplicate, Window rate) {
        String key = key(server, author);
        while (true) {
            Author a = authors.computeIfAbsent(key, k -> new Author(server, author));
            long now = System.currentTimeMillis();
            synchronized (a) {
                if (a.forgotten) continue; // dropped by the flush meanwhile: start from a new entry
                if (now - a.loadedAt > FRESH_MILLIS && now >= databaseAwayUntil) staleWrites.offer(Boolean.TRUE);
                long span = Math.max(duplicate == null ? 0 : duplicate.seconds(), rate == null ? 0 : rate.seconds()) * 1000L;
                a.keepUntil = Math.max(a.keepUntil, now + span);
                a.span = span;
                if (a.pending.isEmpty()) dirty.add(a);
                a.pending.add(new Message(now, hash));
                return a.count(now, hash, duplicate, rate);
            }
        }
    }

    /** Whether this instance has read the author's shared row yet, through a flush (for tests). */
    boolean knows(String server, String author) {
        Author a = authors.get(key(server, author));
        if (a == null) return false;
        synchronized (a) {
            return a.loadedAt != 0;
        }
    }

    private void syncLoop() {
        long lastFlush = System.currentTimeMillis();
        long lastSweep = lastFlush;
        while (running) {
            try {
                if (staleWrites.poll(Math.max(1, lastFlush + FLUSH_MILLIS - System.currentTimeMillis()), TimeUnit.MILLISECONDS) != null) {
                    // brought forward, but not at once: the stale authors of a burst share one statement
                    long soonest = lastFlush + STALE_FLUSH_MILLIS - System.currentTimeMillis();
                    if (soonest > 0) Thread.sleep(soonest);
                    staleWrites.clear();
                }
                long now = System.currentTimeMillis();
                if (now - lastSweep >= SWEEP_MILLIS) {
                    forgetIdleAuthors(now);
                    lastSweep = now;
                }
                flushQuietly();
                lastFlush = System.currentTimeMillis();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
            databaseAwayUntil = 0;
        } catch (Exception e) {
            // pending messages are kept for the next flush
            databaseAwayUntil = System.currentTimeMillis() + FRESH_MILLIS;
            LOG.debugf("spam-window flush failed: %s", e.toString());
        }
    }

    /** Appends the pending messages of every author who wrote since the last flush to their rows, in one statement. */
    void flush() throws SQLException {
        long now = System.currentTimeMillis();
        Map<String, Author> sent = new HashMap<>();
        List<String> servers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        long longestSpan = 0;
        for (Author a; (a = dirty.poll()) != null; ) {
            synchronized (a) {
                if (a.pending.isEmpty()) continue; // queued twice (after a failed flush): taken already
                longestSpan = Math.max(longestSpan, a.span);
                a.inFlight = a.pending;
                a.pending = new ArrayList<>();
                sent.put(key(a.server, a.author), a);
                for (Message m : a.inFlight) {
                    servers.add(a.server);
                    names.add(a.author);
                    times.add(m.at());
                    hashes.add(m.hash());
                }
            }
        }
        if (sent.isEmpty()) return;
        long span = Math.min(longestSpan, LONGEST_WINDOW_MILLIS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FLUSH)) {
            ps.setArray(1, c.createArrayOf("text", servers.toArray()));
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            ps.setArray(3, c.createArrayOf("int8", times.toArray()));
            ps.setArray(4, c.createArrayOf("int8", hashes.toArray()));
            ps.setInt(5, KEEP);
            // every row of the batch keeps at least what its own author's windows need (views trim the rest)
            ps.setLong(6, now - span);
            ps.setLong(7, now - 2 * span);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Author a = sent.get(key(rs.getString(1), rs.getString(2)));
                    if (a == null) continue;
                    Long[] t = (Long[]) rs.getArray(3).getArray();
                    Long[] h = (Long[]) rs.getArray(4).getArray();
                    synchronized (a) {
                        a.view(t, h, now);
                        a.inFlight = List.of();
                    }
                }
            }
        } catch (SQLException e) {
            for (Author a : sent.values()) {
                synchronized (a) {
                    List<Message> back = new ArrayList<>(a.inFlight);
                    back.addAll(a.pending);
                    a.pending = back;
                    a.inFlight = List.of();
                    dirty.add(a);
                }
            }
            throw e;
        }
    }

    /**
     * Forgets the authors with nothing left that can count (or every idle one when memory is short). Runs on the
     * sync thread between flushes, so no author is half-way through one; a queued author has messages pending and stays.
     */
    void forgetIdleAuthors(long now) {
        boolean crowded = authors.size() > MAX_AUTHORS;
        for (Map.Entry<String, Author> e : authors.entrySet()) {
            Author a = e.getValue();
            synchronized (a) {
                if (a.pending.isEmpty() && (now > a.keepUntil || crowded)) {
                    a.forgotten = true;
                    authors.remove(e.getKey(), a);
                }
            }
        }
    }

    private static String key(String server, String author) {
        return server + '\u0000' + author;
    }

    /** Authors quiet for longer than the longest window (1 h) have nothing left to count. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuietAuthors() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from automod_window where last_at < now() - interval '1 hour'")) {
            ps.executeUpdate();
        }
    }
}
