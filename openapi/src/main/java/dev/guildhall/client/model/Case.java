package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** A moderation case; {@code number} is per server, without gaps. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Case(int number, String type, String target, String moderator, String reason, boolean automatic,
                   Instant createdAt, Instant expiresAt) {}
