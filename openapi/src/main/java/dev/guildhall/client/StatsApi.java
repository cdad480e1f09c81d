package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.guildhall.client.Endpoints.STATS;

/** {@code GET /v1/servers/{server}/stats}: usage figures (open-ended, so a JsonNode). */
public final class StatsApi {

    private final Transport t;

    StatsApi(Transport t) { this.t = t; }

    public JsonNode get(String server, CallOptions options) {
        return t.send(STATS, t.type(JsonNode.class), options, server);
    }
}
