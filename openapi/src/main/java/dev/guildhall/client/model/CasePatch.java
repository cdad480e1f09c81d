package dev.guildhall.client.model;

/** Body of {@code PATCH /v1/servers/{server}/cases/{number}}: the new reason. */
public record CasePatch(String reason) {}
