package dev.guildhall.client;

/** Base of everything the client throws: an API refusal, an unreachable API, or an unreadable answer. */
public class GuildhallException extends RuntimeException {

    private final String requestId;

    public GuildhallException(String message, String requestId, Throwable cause) {
        super(message, cause);
        this.requestId = requestId;
    }

    /** The {@code X-Request-Id} of the call, for logs and support. */
    public String requestId() {
        return requestId;
    }
}
