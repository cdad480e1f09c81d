package dev.guildhall.discord.api;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops hammering a dead core-api: after {@code threshold} consecutive failures the circuit opens
 * and calls fail at once for {@code openFor}; then one trial call is let through (half-open) and its
 * outcome closes or re-opens the circuit.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now. In half-open state only one trial call is allowed. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) yield false;
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        failures = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.millis();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
