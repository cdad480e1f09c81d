package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/wars/{id}/resolve} (MANAGE_SERVER): settle a disputed round for a side,
 * or void the war. Use {@link #round} or {@link #voidWar}.
 */
public record WarResolution(Integer round, Integer winner, @JsonProperty("void") Boolean voidWar, String reason) {

    public static WarResolution round(int round, int winner) {
        return new WarResolution(round, winner, null, null);
    }

    public static WarResolution voidWar(String reason) {
        return new WarResolution(null, null, true, reason);
    }
}
