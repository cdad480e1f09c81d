package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /v1/platforms/{platform}/actions/claim}: how many actions to lease at most, and for how long (null: default). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimRequest(int limit, Integer leaseSeconds) {}
