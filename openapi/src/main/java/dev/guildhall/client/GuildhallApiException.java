package dev.guildhall.client;

import dev.guildhall.client.model.Problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * core-api answered with a non-2xx status. Carries the status, the RFC 9457 {@link Problem}
 * (synthesised from the status line when the body was not a problem, e.g. a proxy's 502 page)
 * and {@code Retry-After} when the answer had one.
 */
public class GuildhallApiException extends GuildhallException {

    private final int status;
    private final Problem problem;
    private final Duration retryAfter;

    public GuildhallApiException(int status, Problem problem, Duration retryAfter, String requestId) {
        super(message(status, problem), requestId, null);
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public int status() { return status; }

    public Problem problem() { return problem; }

    /** The problem's {@code type} URI, e.g. {@code https://guildhall.dev/problems/validation}. */
    public String type() { return problem.type(); }

    public String title() { return problem.title(); }

    /** The human-readable reason; safe to show to the chat user. */
    public String detail() { return problem.detail(); }

    public List<Problem.FieldError> errors() { return problem.errors(); }

    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    /** 502/503/504: the API (or its database) is down for now; treat like unavailability. */
    public boolean isServerUnavailable() {
        return status == 502 || status == 503 || status == 504;
    }

    public boolean isRateLimited() { return status == 429; }

    public boolean isNotFound() { return status == 404; }

    private static String message(int status, Problem p) {
        String text = p.detail() != null ? p.detail() : p.title();
        return status + (text == null ? "" : " " + text);
    }
}
