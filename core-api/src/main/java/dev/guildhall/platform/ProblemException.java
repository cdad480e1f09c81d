package dev.guildhall.platform;

import java.util.List;

/**
 * A refusal that becomes an RFC 9457 problem response. Thrown by rules and services;
 * {@link ProblemMappers} turns it into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    public record FieldError(String field, String message) {}

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail,
                            List<FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail, null, null);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(400, "validation", "Invalid request", detail, errors, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null, null);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, null, null);
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Refused by a rule", detail, null, null);
    }

    /** The database is unreachable: try again in a second. */
    public static ProblemException databaseUnavailable() {
        return new ProblemException(503, "database-unavailable", "Service unavailable",
                "The database is unreachable; try again shortly", null, 1L);
    }

    public static ProblemException tooManyRequests(String slug, String detail, long retryAfterSeconds) {
        return new ProblemException(429, slug, "Too many requests", detail, null, Math.max(1, retryAfterSeconds));
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public List<FieldError> errors() { return errors; }
    public Long retryAfterSeconds() { return retryAfterSeconds; }
}
