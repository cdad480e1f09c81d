package dev.guildhall.client;

import dev.guildhall.client.model.LeaderboardEntry;
import dev.guildhall.client.model.Page;

import static dev.guildhall.client.Endpoints.LEADERBOARD;

/** {@code GET /v1/servers/{server}/leaderboard?game=}. */
public final class LeaderboardApi {

    private final Transport t;

    LeaderboardApi(Transport t) { this.t = t; }

    public Page<LeaderboardEntry> get(String server, String game, ListOptions list, CallOptions options) {
        return t.send(LEADERBOARD, new Object[]{server}, ListOptions.orDefaults(list).filter("game", game).query(), null, Transport.JSON,
                t.pageOf(LeaderboardEntry.class), options);
    }
}
