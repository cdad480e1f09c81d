package dev.guildhall.client;

/**
 * core-api could not be reached or did not answer in time (connection refused, reset, timeout),
 * after any retries. Adapters show a short "try again" and count it in their circuit breaker.
 */
public class GuildhallUnavailableException extends GuildhallException {

    public GuildhallUnavailableException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
