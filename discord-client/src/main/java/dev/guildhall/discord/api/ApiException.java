package dev.guildhall.discord.api;

/**
 * A failed core-api call: either a problem answer ({@code status} ≥ 400 with RFC 9457 fields)
 * or {@link #unavailable()} — core-api could not be reached, answered 503, or the circuit is open.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final boolean unavailable;
    private final Long retryAfterSeconds;

    public ApiException(int status, String title, String detail, boolean unavailable, Long retryAfterSeconds,
                        Throwable cause) {
        super(status + " " + title + (detail == null ? "" : ": " + detail), cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.unavailable = unavailable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException problem(int status, String title, String detail, Long retryAfterSeconds) {
        return new ApiException(status, title, detail, status == 503, retryAfterSeconds, null);
    }

    public static ApiException unreachable(String why, Throwable cause) {
        return new ApiException(0, "core-api unreachable", why, true, null, cause);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public boolean unavailable() {
        return unavailable;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
