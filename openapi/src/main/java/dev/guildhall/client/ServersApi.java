package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.model.Server;
import dev.guildhall.client.model.ServerRegistration;

import java.util.Map;

import static dev.guildhall.client.Endpoints.*;

/** {@code /v1/servers/{server}}: registration and configuration. */
public final class ServersApi {

    private final Transport t;

    ServersApi(Transport t) { this.t = t; }

    /** Registers the server, or updates its name and owner (PUT: safe to repeat). */
    public Server register(String server, ServerRegistration registration, CallOptions options) {
        return t.sendBody(REGISTER_SERVER, registration, t.type(Server.class), options, server);
    }

    public Server get(String server, CallOptions options) {
        return t.send(GET_SERVER, t.type(Server.class), options, server);
    }

    /** The server's whole config, defaults filled in (features, automod, escalation, welcome, raid …). */
    public JsonNode config(String server, CallOptions options) {
        return t.send(GET_SERVER_CONFIG, t.type(JsonNode.class), options, server);
    }

    /**
     * Changes the config with a JSON merge patch (RFC 7396): objects merge, a null resets a field to
     * its default. Answers the whole new config.
     */
    public JsonNode patchConfig(String server, JsonNode mergePatch, CallOptions options) {
        return t.send(PATCH_SERVER_CONFIG, new Object[]{server}, Map.of(), mergePatch, Transport.MERGE_PATCH,
                t.type(JsonNode.class), options);
    }
}
