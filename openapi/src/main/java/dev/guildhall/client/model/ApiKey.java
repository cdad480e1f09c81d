package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * An API key; {@code key} (the secret) is present only in the answer that created it, never in a replay of that
 * answer. {@code platform}: the platform a platform key is bound to, null when unbound.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKey(String id, String key, String prefix, String name, String kind, List<String> scopes,
                     List<String> servers, String platform, Instant createdAt, Instant revokedAt) {}
