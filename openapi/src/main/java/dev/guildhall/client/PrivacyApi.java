package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.guildhall.client.Endpoints.ERASE_USER_DATA;
import static dev.guildhall.client.Endpoints.EXPORT_USER_DATA;

/** {@code /v1/users/{user}/data}: export and erasure of one user's data. */
public final class PrivacyApi {

    private final Transport t;

    PrivacyApi(Transport t) { this.t = t; }

    public JsonNode export(String user, CallOptions options) {
        return t.send(EXPORT_USER_DATA, t.type(JsonNode.class), options, user);
    }

    public void erase(String user, CallOptions options) {
        t.send(ERASE_USER_DATA, null, options, user);
    }
}
