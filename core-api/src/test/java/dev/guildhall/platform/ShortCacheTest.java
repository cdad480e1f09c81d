package dev.guildhall.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** In a Quarkus test because refreshes run on Quarkus's worker pool. */
@QuarkusTest
class ShortCacheTest {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DatabaseBreaker database;

    @Test
    void aHotEntryIsReadAgainOnceInTheBackgroundWhileItGoesOnAnsweringAndAnIdleOneExpires() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofMillis(200), Duration.ofMillis(600), 10,
                key -> reads.incrementAndGet(), transactions, database);
        assertThat(cache.ifPresent("a")).isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        Thread.sleep(250); // past the refresh, before the expiry
        for (int i = 0; i < 1000; i++) assertThat(cache.ifPresent("a")).isIn(1, 2); // never a miss
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Integer.valueOf(2).equals(cache.ifPresent("a")) && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(cache.ifPresent("a")).isEqualTo(2);
        assertThat(reads).hasValue(2); // a thousand reads of a stale entry: one refresh
        Thread.sleep(700); // untouched past the expiry
        assertThat(cache.ifPresent("a")).isNull();
    }

    @Test
    void anEntryInvalidatedInATransactionIsForgottenAgainWhenItEnds() {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofSeconds(10), Duration.ofSeconds(20), 10,
                key -> reads.incrementAndGet(), transactions, database);
        cache.get("a");
        QuarkusTransaction.requiringNew().run(() -> {
            cache.invalidate("a");
            assertThat(cache.ifPresent("a")).isNull();
            cache.get("a"); // another request reads the row before the change commits
            assertThat(cache.ifPresent("a")).isEqualTo(2);
        });
        assertThat(cache.ifPresent("a")).isNull();
        assertThat(cache.get("a")).isEqualTo(3);
    }

    @Test
    void aMissingValueIsNotKept() {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofSeconds(10), Duration.ofSeconds(20), 10,
                key -> { reads.incrementAndGet(); return null; }, transactions, database);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("a")).isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefreshTheDatabaseCannotAnswerIsNotLoggedAndTheEntryExpiresAsAlways() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofMillis(100), Duration.ofMillis(400), 10, key -> {
            if (reads.incrementAndGet() == 1) return 1;
            throw new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("Connection refused", "08001"));
        }, transactions, database);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger caffeine = Logger.getLogger(CAFFEINE);
        Handler handler = handler(logged);
        caffeine.addHandler(handler);
        caffeine.setUseParentHandlers(false); // kept from the build's console, where it would look like a failure
        try {
            cache.get("a");
            Thread.sleep(150);
            assertThat(cache.ifPresent("a")).isEqualTo(1); // due for a refresh, which fails in the background
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (reads.get() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(300); // past the expiry
            assertThat(cache.ifPresent("a")).as("not kept past its expiry").isNull();
        } finally {
            caffeine.removeHandler(handler);
            caffeine.setUseParentHandlers(true);
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(2);
        assertThat(logged).as("the outage is DatabaseBreaker's to report").noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void aRefreshThatFailsForAnyOtherReasonIsStillLogged() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofMillis(100), Duration.ofMillis(400), 10, key -> {
            if (reads.incrementAndGet() == 1) return 1;
            throw new IllegalStateException("a bug in the loader");
        }, transactions, database);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger caffeine = Logger.getLogger(CAFFEINE);
        Handler handler = handler(logged);
        caffeine.addHandler(handler);
        caffeine.setUseParentHandlers(false); // kept from the build's console, where it would look like a failure
        try {
            cache.get("a");
            Thread.sleep(150);
            cache.ifPresent("a");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (logged.stream().noneMatch(r -> r.getThrown() != null) && System.nanoTime() < deadline) Thread.sleep(10);
        } finally {
            caffeine.removeHandler(handler);
            caffeine.setUseParentHandlers(true);
        }
        assertThat(logged).anyMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null);
    }

    /** Where Caffeine logs a failed refresh. */
    private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.BoundedLocalCache";

    private static Handler handler(List<LogRecord> logged) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }
}
