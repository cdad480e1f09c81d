package dev.guildhall.client.model;

import java.util.List;

/** Body of {@code POST /v1/webhooks}: where to deliver which events (e.g. {@code war.finished}), for which servers. */
public record NewWebhook(String url, List<String> events, List<String> servers) {}
