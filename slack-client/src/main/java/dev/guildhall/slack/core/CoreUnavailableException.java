package dev.guildhall.slack.core;

/** core-api could not be reached, answered 5xx, timed out, or the circuit breaker is open. */
public class CoreUnavailableException extends RuntimeException {

    public CoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
