package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** A registered server ({@code discord:81384788765712384}, {@code slack:T0123ABC}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Server(String id, String platform, String name, String owner, Instant createdAt, Instant updatedAt) {}
