package dev.guildhall.client.model;

import java.time.Instant;

/** Body of {@code POST /v1/servers/{server}/members/joined}. */
public record MemberJoin(String user, String name, Instant accountCreatedAt) {}
