package dev.guildhall.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The RFC 9457 body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details; every error answer has this shape.")
public record Problem(
        @Schema(example = "https://guildhall.dev/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "format: must look like ftN with N from 1 to 10") String detail,
        @Schema(example = "/v1/servers/discord:9/wars") String instance,
        @Schema(example = "3f0c5f0e-2d0a-4c59-9f0f-5d7b1c2d9a11") String requestId,
        List<ProblemException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://guildhall.dev/problems/";
}
