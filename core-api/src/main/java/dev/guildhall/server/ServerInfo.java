package dev.guildhall.server;

import java.time.Instant;

/** An immutable view of a registered server and its config, safe to cache and share. */
public record ServerInfo(String id, String platform, String name, String owner, ServerConfig config,
                         Instant createdAt, Instant updatedAt) {}
