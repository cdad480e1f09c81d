package dev.guildhall.slack.core;

import java.util.List;

/** core-api refused a call with a problem answer (RFC 9457); the detail is written for people and shown to them. */
public class CoreApiException extends RuntimeException {

    public record FieldError(String field, String message) {}

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;

    public CoreApiException(int status, String title, String detail, List<FieldError> errors) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() { return status; }

    public String title() { return title; }

    public String detail() { return detail; }

    public List<FieldError> errors() { return errors; }
}
