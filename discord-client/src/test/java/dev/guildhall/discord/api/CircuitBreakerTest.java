package dev.guildhall.discord.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void opensAfterThresholdFailuresThenLetsOneTrialThrough() {
        MutableClock clock = new MutableClock();
        CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(b.tryAcquire()).isTrue();
            b.onFailure();
        }
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.tryAcquire()).isFalse();

        clock.now = clock.now.plusSeconds(10);
        assertThat(b.tryAcquire()).as("one trial").isTrue();
        assertThat(b.tryAcquire()).as("only one").isFalse();
        b.onFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.now = clock.now.plusSeconds(10);
        assertThat(b.tryAcquire()).isTrue();
        b.onSuccess();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.tryAcquire()).isTrue();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(10), new MutableClock());
        b.onFailure();
        b.onSuccess();
        b.onFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
