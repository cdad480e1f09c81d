package dev.guildhall.client.model;

/** Body of {@code POST /v1/platforms/{platform}/actions/claim}: how many actions to lease at most. */
public record ClaimRequest(int limit) {}
