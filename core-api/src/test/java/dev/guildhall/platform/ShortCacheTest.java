package dev.guildhall.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** In a Quarkus test because refreshes run on Quarkus's worker pool. */
@QuarkusTest
class ShortCacheTest {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Test
    void aHotEntryIsReadAgainOnceInTheBackgroundWhileItGoesOnAnsweringAndAnIdleOneExpires() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofMillis(200), Duration.ofMillis(600), 10,
                key -> reads.incrementAndGet(), transactions);
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
                key -> reads.incrementAndGet(), transactions);
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
                key -> { reads.incrementAndGet(); return null; }, transactions);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("a")).isNull();
        assertThat(reads).hasValue(2);
    }
}
