package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/** A webhook subscription; {@code secret} (for verifying signatures) only in the answer that created it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Webhook(String id, String url, List<String> events, List<String> servers, String secret,
                      Instant createdAt) {}
