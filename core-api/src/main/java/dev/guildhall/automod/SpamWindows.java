package dev.guildhall.automod;

import dev.guildhall.platform.DatabaseBreaker;
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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>Every {@link #FLUSH_MILLIS} ms one statement appends every author's new messages to their rows.
 *       A row this instance also stored last is its view plus what it appended; the statement returns the
 *       other rows, which become the views.</li>
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

    /** Where an author's entry is found: the two names as the request gave them, so no string is built per message. */
    private record Key(String server, String author) {}

    /**
     * One author as this instance knows them; every field is guarded by the object's monitor. Its messages sit in one
     * array, time and content hash side by side ({@code [t0, h0, t1, h1, …]}), in three parts: the view (the author's
     * row as of {@link #loadedAt}, without what no window of the author can count), then the messages a flush is
     * storing, then those counted and not sent yet. The array is reused from flush to flush: an author lives as long
     * as its windows can count, in the old generation, and new arrays hung on it at every flush were much of what
     * young collections had to copy under automod load. Tens of thousands of authors stay in memory under load, so
     * the entry is kept small (one array starting at {@link #FIRST_CAPACITY} messages, the key holding the names): the
     * entries are about half of what core-api keeps live under automod load (bench/RESULTS.md, run 32).
     */
    private static final class Author {
        /** Messages an entry has room for at first; most authors in a window send a few. */
        static final int FIRST_CAPACITY = 4;
        final Key key;
        /** Time and hash of each message, side by side: message i is at 2i and 2i + 1 (see {@link #set}). */
        long[] messages = new long[2 * FIRST_CAPACITY];
        int size;
        /** Messages [0, viewEnd) are the view, [viewEnd, sentEnd) in flight, [sentEnd, size) pending. */
        int viewEnd;
        int sentEnd;
        /** When the view was read from the database (or known to equal it); 0: never. */
        long loadedAt;
        /** Whether the last flush left the view equal to the row; false after a failed one, whose writes are unknown. */
        boolean viewIsRow;
        /** Until when its messages can still count in a window: the entry is kept that long. */
        long keepUntil;
        /** The longest of the author's windows, as of the last message: what the view has to keep. */
        long span;
        boolean forgotten;

        Author(Key key) {
            this.key = key;
        }

        boolean hasPending() {
            return size > sentEnd;
        }

        boolean sending() {
            return sentEnd > viewEnd;
        }

        long time(int i) {
            return messages[2 * i];
        }

        long hash(int i) {
            return messages[2 * i + 1];
        }

        private static void set(long[] messages, int i, long time, long hash) {
            messages[2 * i] = time;
            messages[2 * i + 1] = hash;
        }

        void add(long at, long hash) {
            if (2 * size == messages.length) messages = Arrays.copyOf(messages, 4 * size);
            set(messages, size++, at, hash);
        }

        Counts count(long now, long hash, Window duplicate, Window rate) {
            long dupFrom = duplicate == null ? Long.MAX_VALUE : now - duplicate.seconds() * 1000L;
            long rateFrom = rate == null ? Long.MAX_VALUE : now - rate.seconds() * 1000L;
            int dup = 0;
            int all = 0;
            for (int i = 0; i < size; i++) {
                long t = time(i);
                if (t > rateFrom) all++;
                if (t > dupFrom && hash(i) == hash) dup++;
            }
            return new Counts(dup, all);
        }

        /** Hands the pending messages to a flush. */
        void send() {
            sentEnd = size;
        }

        /** Whether the row is the view plus the messages in flight, if no other instance wrote to it meanwhile. */
        boolean rowFollowsView() {
            return viewIsRow && sentEnd <= KEEP;
        }

        /**
         * Takes the merged row as the view, ahead of what is pending, without the messages no window of the author can
         * count any more. Rows are appended to batch by batch, so a message another instance stored late may follow a
         * newer one: every message is looked at, not a prefix.
         */
        void stored(Long[] rowTimes, Long[] rowHashes, long at) {
            int row = rowTimes.length;
            int pending = size - sentEnd;
            long[] m = new long[2 * Math.max(FIRST_CAPACITY, Integer.highestOneBit(row + pending) * 2)];
            for (int i = 0; i < row; i++) set(m, i, rowTimes[i], rowHashes[i]);
            System.arraycopy(messages, 2 * sentEnd, m, 2 * row, 2 * pending);
            messages = m;
            size = row + pending;
            viewEnd = sentEnd = row;
            viewAsOf(at);
        }

        /** The row is the view plus what this flush appended: no other instance wrote to it since the last flush. */
        void storedOnTopOfView(long at) {
            viewEnd = sentEnd;
            viewAsOf(at);
        }

        /** The view is the row as of {@code at}: it drops what the author's windows can no longer count. */
        private void viewAsOf(long at) {
            long from = at - span;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (i < viewEnd && time(i) <= from) continue;
                set(messages, kept++, time(i), hash(i));
            }
            viewEnd = sentEnd = viewEnd - (size - kept);
            size = kept;
            loadedAt = at;
            viewIsRow = true;
        }

        /** The flush failed: what it was sending is pending again, and whether it reached the row is unknown. */
        void unsent() {
            sentEnd = viewEnd;
            viewIsRow = false;
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
     * Appends every author's new messages to their row, notes this instance as the row's writer, and returns the rows
     * this instance does not know already: the rows of authors whose view is not the row, and the rows another
     * instance wrote to since this one did. Most flushes only append: a row is rewritten without what no window can
     * count (unnest, sort, aggregate — half of PostgreSQL's work per message, measured with pgbench) only when it
     * would pass KEEP messages or its oldest message is older than twice the longest span, so rows hold up to two
     * spans and views trim the rest. Authors go as a list with one entry each (server, name, whether the row follows
     * from the view, where its messages start and end); the messages go as two arrays, author after author, each
     * author's in the order counted, so that each author's are a slice: no sort, aggregate or join of the messages
     * (those were a fifth of PostgreSQL's work per automod-checked message).
     */
    private static final String FLUSH = """
            with incoming as (
              select a.i, a.s, a.a, a.follows, m.t[a.lo:a.hi] as ts, m.h[a.lo:a.hi] as hs
              from (select ?::bigint[] as t, ?::bigint[] as h) m,
                   unnest(?::text[], ?::text[], ?::bool[], ?::int[], ?::int[]) with ordinality as a(s, a, follows, lo, hi, i)),
            bounds as (select ?::bigint as keep, ?::bigint as cutoff, ?::bigint as trim_before, ?::bigint as me),
            stored as (
              insert into automod_window as w (server, author, times, hashes, last_at, writer)
              select s, a, ts, hs, now(), (select me from bounds) from incoming
              on conflict (server, author) do update set
                times = case when %1$s then w.times || excluded.times else %2$s end,
                hashes = case when %1$s then w.hashes || excluded.hashes else %3$s end,
                last_at = now(),
                writer = excluded.writer,
                prior_writer = w.writer
              returning server, author, times, hashes, prior_writer)
            select incoming.i, stored.times, stored.hashes
            from stored join incoming on incoming.s = stored.server and incoming.a = stored.author
            where not (incoming.follows and coalesce(stored.prior_writer = (select me from bounds), false))"""
            .formatted(APPEND_ONLY, TRIMMED.formatted("t"), TRIMMED.formatted("h"));

    private final DataSource dataSource;
    /** This instance as a row's writer: random, so instances need no configured identity. */
    private final long instance = new SecureRandom().nextLong();
    private final Map<Key, Author> authors = new ConcurrentHashMap<>();
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
        Key key = new Key(server, author);
        while (true) {
            Author a = authors.computeIfAbsent(key, Author::new);
            long now = System.currentTimeMillis();
            synchronized (a) {
                if (a.forgotten) continue; // dropped by the flush meanwhile: start from a new entry
                if (now - a.loadedAt > FRESH_MILLIS && now >= databaseAwayUntil) staleWrites.offer(Boolean.TRUE);
                long span = Math.max(duplicate == null ? 0 : duplicate.seconds(), rate == null ? 0 : rate.seconds()) * 1000L;
                a.keepUntil = Math.max(a.keepUntil, now + span);
                a.span = span;
                if (!a.hasPending()) dirty.add(a);
                a.add(now, hash);
                return a.count(now, hash, duplicate, rate);
            }
        }
    }

    /** Whether this instance has read the author's shared row yet, through a flush (for tests). */
    boolean knows(String server, String author) {
        Author a = authors.get(new Key(server, author));
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
            // pending messages are kept for the next flush; a run of failures is reported once, when it starts
            if (databaseAwayUntil == 0) LOG.warnf("spam-window flush failed, retrying: %s", e.toString());
            else LOG.debugf("spam-window flush failed again: %s", e.toString());
            databaseAwayUntil = System.currentTimeMillis() + FRESH_MILLIS;
        }
    }

    /** Appends the pending messages of every author who wrote since the last flush to their rows, in one statement. */
    void flush() throws SQLException {
        long now = System.currentTimeMillis();
        List<Author> sent = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> follows = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        List<Integer> lasts = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        List<Author> wroteMeanwhile = new ArrayList<>();
        long longestSpan = 0;
        for (Author a; (a = dirty.poll()) != null; ) {
            synchronized (a) {
                if (!a.hasPending()) continue; // queued twice (after a failed flush): taken already
                if (a.sending()) { // taken by this flush and written again since: one row per author and statement
                    wroteMeanwhile.add(a);
                    continue;
                }
                longestSpan = Math.max(longestSpan, a.span);
                a.send();
                sent.add(a);
                servers.add(a.key.server());
                names.add(a.key.author());
                follows.add(a.rowFollowsView());
                firsts.add(times.size() + 1); // SQL arrays count from 1
                for (int i = a.viewEnd; i < a.sentEnd; i++) {
                    times.add(a.time(i));
                    hashes.add(a.hash(i));
                }
                lasts.add(times.size());
            }
        }
        dirty.addAll(wroteMeanwhile);
        if (sent.isEmpty()) return;
        long span = Math.min(longestSpan, LONGEST_WINDOW_MILLIS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FLUSH)) {
            ps.setArray(1, c.createArrayOf("int8", times.toArray()));
            ps.setArray(2, c.createArrayOf("int8", hashes.toArray()));
            ps.setArray(3, c.createArrayOf("text", servers.toArray()));
            ps.setArray(4, c.createArrayOf("text", names.toArray()));
            ps.setArray(5, c.createArrayOf("bool", follows.toArray()));
            ps.setArray(6, c.createArrayOf("int4", firsts.toArray()));
            ps.setArray(7, c.createArrayOf("int4", lasts.toArray()));
            ps.setInt(8, KEEP);
            // every row of the batch keeps at least what its own author's windows need (views trim the rest)
            ps.setLong(9, now - span);
            ps.setLong(10, now - 2 * span);
            ps.setLong(11, instance);
            boolean[] readBack = new boolean[sent.size()];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = rs.getInt(1) - 1;
                    Author a = sent.get(i);
                    Long[] t = (Long[]) rs.getArray(2).getArray();
                    Long[] h = (Long[]) rs.getArray(3).getArray();
                    synchronized (a) {
                        a.stored(t, h, now);
                    }
                    readBack[i] = true;
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                if (readBack[i]) continue;
                Author a = sent.get(i);
                synchronized (a) {
                    a.storedOnTopOfView(now);
                }
            }
        } catch (SQLException e) {
            for (Author a : sent) {
                synchronized (a) {
                    a.unsent();
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
        for (Map.Entry<Key, Author> e : authors.entrySet()) {
            Author a = e.getValue();
            synchronized (a) {
                if (!a.hasPending() && (now > a.keepUntil || crowded)) {
                    a.forgotten = true;
                    authors.remove(e.getKey(), a);
                }
            }
        }
    }

    /** Authors quiet for longer than the longest window (1 h) have nothing left to count. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetQuietAuthors() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from automod_window where last_at < now() - interval '1 hour'")) {
            ps.executeUpdate();
        }
    }
}
