package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The RFC 9457 body of every error answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, Integer status, String detail, String instance,
                      String requestId, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One invalid input: the field (or header) and what is wrong with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {}
}
