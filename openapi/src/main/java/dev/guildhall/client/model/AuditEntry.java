package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One line of a server's audit log; {@code details} is action-specific. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(Long id, String server, String actor, String action, String target, JsonNode details,
                         String requestId, Instant createdAt) {}
