package dev.guildhall.automod;

import dev.guildhall.server.ServerConfig.Window;
import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared spam windows: exact on one instance under concurrency, and shared between instances. */
@QuarkusTest
class SpamWindowsTest {

    static final Window DUPLICATES = new Window(3, 30);
    static final Window RATE = new Window(8, 30);

    @Inject
    SpamWindows instanceA;

    @Inject
    DataSource dataSource;

    @Test
    void concurrentMessagesOfOneAuthorCountEachOtherExactly() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<SpamWindows.Counts>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) calls.add(() -> instanceA.record(server, author, 7, DUPLICATES, RATE));
            List<Integer> seen = new ArrayList<>();
            for (Future<SpamWindows.Counts> f : pool.invokeAll(calls)) seen.add(f.get().messages());
            assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).boxed().toList());
        } finally {
            pool.shutdown();
        }
        awaitStored(server, author, 60);
    }

    @Test
    void anotherInstanceCountsWhatThisOneStored() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        SpamWindows instanceB = new SpamWindows(dataSource);
        instanceB.start(null);
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(instanceA.record(server, author, 1, DUPLICATES, RATE)).isEqualTo(new SpamWindows.Counts(i, i));
            }
            awaitStored(server, author, 3);
            // B has never heard of the author: this message counts against what B knows, and B's next flush reads the row
            assertThat(instanceB.record(server, author, 1, DUPLICATES, RATE)).isEqualTo(new SpamWindows.Counts(1, 1));
            awaitKnown(instanceB, server, author);
            assertThat(instanceB.record(server, author, 1, DUPLICATES, RATE)).isEqualTo(new SpamWindows.Counts(5, 5));
            awaitStored(server, author, 5);
            // A's view is now older than FRESH_MILLIS: its next message brings A's flush forward, the one after counts B's
            Thread.sleep(SpamWindows.FRESH_MILLIS + 100);
            assertThat(instanceA.record(server, author, 2, DUPLICATES, RATE)).isEqualTo(new SpamWindows.Counts(1, 4));
            Thread.sleep(300);
            assertThat(instanceA.record(server, author, 2, DUPLICATES, RATE)).isEqualTo(new SpamWindows.Counts(2, 7));
            awaitStored(server, author, 7);
        } finally {
            instanceB.stop(null);
        }
    }

    @Test
    void aSlowSpammerOnOneInstanceIsCountedAcrossQuietSeconds() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        Window rate = new Window(3, 30);
        for (int i = 1; i <= 4; i++) {
            assertThat(instanceA.record(server, author, i, DUPLICATES, rate).messages()).isEqualTo(i);
            Thread.sleep(SpamWindows.FRESH_MILLIS + 200);
        }
    }

    @Test
    void windowsForgetMessagesOlderThanTheirSpan() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        Window oneSecond = new Window(2, 1);
        assertThat(instanceA.record(server, author, 5, oneSecond, oneSecond)).isEqualTo(new SpamWindows.Counts(1, 1));
        assertThat(instanceA.record(server, author, 5, oneSecond, oneSecond)).isEqualTo(new SpamWindows.Counts(2, 2));
        Thread.sleep(1100);
        assertThat(instanceA.record(server, author, 5, oneSecond, oneSecond)).isEqualTo(new SpamWindows.Counts(1, 1));
    }

    @Test
    void idleAuthorsAreForgottenOnceNothingOfThemCanCount() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        SpamWindows instance = new SpamWindows(dataSource); // not started: it flushes and sweeps only when the test says
        Window oneSecond = new Window(2, 1);
        instance.record(server, author, 5, oneSecond, oneSecond);
        instance.forgetIdleAuthors(System.currentTimeMillis());
        instance.flush();
        assertThat(instance.knows(server, author)).as("kept while its message can count, stored and read back").isTrue();
        awaitStored(server, author, 1);
        Thread.sleep(1100);
        instance.forgetIdleAuthors(System.currentTimeMillis()); // nothing of the author can count any more
        assertThat(instance.knows(server, author)).as("forgotten").isFalse();
        assertThat(instance.record(server, author, 5, oneSecond, oneSecond)).isEqualTo(new SpamWindows.Counts(1, 1));
        instance.flush();
        awaitStored(server, author, 2); // within two spans the row is only appended to
        Thread.sleep(2100);
        assertThat(instance.record(server, author, 5, oneSecond, oneSecond)).isEqualTo(new SpamWindows.Counts(1, 1));
        instance.flush();
        awaitStored(server, author, 1); // past two spans it keeps only what the author's windows can count
    }

    @Test
    void rowsStayAtMostKeepMessagesAndViewsCountMessagesStoredOutOfOrder() throws Exception {
        String server = "discord:" + Api.nextId();
        String author = "discord:" + Api.nextId();
        SpamWindows instance = new SpamWindows(dataSource); // not started: it flushes only when the test says
        Window many = new Window(100, 60);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 60; i++) instance.record(server, author, i, many, many);
            instance.flush();
        }
        awaitStored(server, author, SpamWindows.KEEP);
        // another instance stored a message older than the last one here, after it: the view still counts it
        String other = "discord:" + Api.nextId();
        for (int i = 0; i < 3; i++) instance.record(server, other, 1, many, many);
        instance.flush();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update automod_window set times = times || ?::bigint, hashes = hashes || 999::bigint, writer = 0"
                        + " where server = ? and author = ?")) {
            ps.setLong(1, System.currentTimeMillis() - 1000);
            ps.setString(2, server);
            ps.setString(3, other);
            assertThat(ps.executeUpdate()).isOne();
        }
        instance.record(server, other, 999, many, many);
        instance.flush();
        awaitStored(server, other, 5);
        assertThat(instance.record(server, other, 999, many, many).duplicates()).isEqualTo(3);
    }

    @Test
    void authorsWritingWhileFlushesRunAreStoredCompletely() throws Exception {
        String server = "discord:" + Api.nextId();
        SpamWindows instance = new SpamWindows(dataSource); // not started: this test is its only flusher
        Window many = new Window(100, 60);
        int authors = 300;
        int perAuthor = 100;
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    for (int n; (n = written.getAndIncrement()) < authors * perAuthor; ) {
                        instance.record(server, "discord:" + n % authors, n, many, many);
                    }
                }));
            }
            // every flush has to succeed while authors keep writing, also those who write again while a flush
            // collects what to send (one row per author and statement)
            while (writers.stream().anyMatch(f -> !f.isDone())) instance.flush();
            for (Future<?> f : writers) f.get();
            instance.flush();
        } finally {
            pool.shutdown();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) filter (where cardinality(times) = ?), count(*) from automod_window where server = ?")) {
            ps.setInt(1, perAuthor);
            ps.setString(2, server);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("authors with every message stored, of " + rs.getInt(2)).isEqualTo(authors);
            }
        }
        assertThat(instance.record(server, "discord:0", 0, many, many).messages()).isEqualTo(perAuthor + 1);
    }

    private static void awaitKnown(SpamWindows instance, String server, String author) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!instance.knows(server, author) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertThat(instance.knows(server, author)).as("instance has read the row of " + author).isTrue();
    }

    /** Waits until the author's shared row holds {@code count} messages (the flush runs every 200 ms). */
    private void awaitStored(String server, String author, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        int stored = -1;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select cardinality(times) from automod_window where server = ? and author = ?")) {
                ps.setString(1, server);
                ps.setString(2, author);
                try (ResultSet rs = ps.executeQuery()) {
                    stored = rs.next() ? rs.getInt(1) : 0;
                }
            }
            if (stored == count) return;
            Thread.sleep(50);
        }
        assertThat(stored).as("messages stored for " + author).isEqualTo(count);
    }
}
