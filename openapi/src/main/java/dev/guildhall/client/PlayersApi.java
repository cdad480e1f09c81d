package dev.guildhall.client;

import dev.guildhall.client.model.Profile;

import static dev.guildhall.client.Endpoints.PLAYER_PROFILE;

/** {@code GET /v1/servers/{server}/players/{user}}. */
public final class PlayersApi {

    private final Transport t;

    PlayersApi(Transport t) { this.t = t; }

    public Profile profile(String server, String user, CallOptions options) {
        return t.send(PLAYER_PROFILE, t.type(Profile.class), options, server, user);
    }
}
