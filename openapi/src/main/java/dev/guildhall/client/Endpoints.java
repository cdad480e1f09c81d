package dev.guildhall.client;

import java.util.List;

/** Every path the client calls, in one place (DESIGN §4). Path parameters keep the contract's names. */
public final class Endpoints {

    private Endpoints() {}

    public static final Endpoint CREATE_API_KEY = post("/v1/admin/api-keys");
    public static final Endpoint LIST_API_KEYS = get("/v1/admin/api-keys");
    public static final Endpoint REVOKE_API_KEY = delete("/v1/admin/api-keys/{id}");

    public static final Endpoint REGISTER_SERVER = put("/v1/servers/{server}");
    public static final Endpoint GET_SERVER = get("/v1/servers/{server}");
    public static final Endpoint GET_SERVER_CONFIG = get("/v1/servers/{server}/config");
    public static final Endpoint PATCH_SERVER_CONFIG = patch("/v1/servers/{server}/config");

    public static final Endpoint CREATE_WAR = post("/v1/servers/{server}/wars");
    public static final Endpoint LIST_WARS = get("/v1/servers/{server}/wars");
    public static final Endpoint GET_WAR = get("/v1/wars/{id}");
    public static final Endpoint ACCEPT_WAR = post("/v1/wars/{id}/accept");
    public static final Endpoint DECLINE_WAR = post("/v1/wars/{id}/decline");
    public static final Endpoint CANCEL_WAR = post("/v1/wars/{id}/cancel");
    public static final Endpoint REPORT_ROUND = post("/v1/wars/{id}/rounds");
    public static final Endpoint CONFIRM_ROUND = post("/v1/wars/{id}/rounds/{n}/confirm");
    public static final Endpoint DISPUTE_ROUND = post("/v1/wars/{id}/rounds/{n}/dispute");
    public static final Endpoint RESOLVE_WAR = post("/v1/wars/{id}/resolve");

    public static final Endpoint LEADERBOARD = get("/v1/servers/{server}/leaderboard");
    public static final Endpoint PLAYER_PROFILE = get("/v1/servers/{server}/players/{user}");

    public static final Endpoint CREATE_CASE = post("/v1/servers/{server}/cases");
    public static final Endpoint LIST_CASES = get("/v1/servers/{server}/cases");
    public static final Endpoint GET_CASE = get("/v1/servers/{server}/cases/{number}");
    public static final Endpoint PATCH_CASE = patch("/v1/servers/{server}/cases/{number}");

    public static final Endpoint CHECK_MESSAGE = post("/v1/servers/{server}/messages/check");
    public static final Endpoint MEMBER_JOINED = post("/v1/servers/{server}/members/joined");

    public static final Endpoint AUDIT_LOG = get("/v1/servers/{server}/audit-log");
    public static final Endpoint STATS = get("/v1/servers/{server}/stats");

    public static final Endpoint CLAIM_ACTIONS = post("/v1/platforms/{platform}/actions/claim");
    public static final Endpoint ACK_ACTION = post("/v1/platforms/{platform}/actions/{id}/ack");

    /** All of the above, for the contract test against {@code openapi.yaml}. */
    public static final List<Endpoint> ALL = List.of(
            CREATE_API_KEY, LIST_API_KEYS, REVOKE_API_KEY,
            REGISTER_SERVER, GET_SERVER, GET_SERVER_CONFIG, PATCH_SERVER_CONFIG,
            CREATE_WAR, LIST_WARS, GET_WAR, ACCEPT_WAR, DECLINE_WAR, CANCEL_WAR,
            REPORT_ROUND, CONFIRM_ROUND, DISPUTE_ROUND, RESOLVE_WAR,
            LEADERBOARD, PLAYER_PROFILE,
            CREATE_CASE, LIST_CASES, GET_CASE, PATCH_CASE,
            CHECK_MESSAGE, MEMBER_JOINED, AUDIT_LOG, STATS,
            CLAIM_ACTIONS, ACK_ACTION);

    private static Endpoint get(String path) { return new Endpoint("GET", path); }
    private static Endpoint post(String path) { return new Endpoint("POST", path); }
    private static Endpoint put(String path) { return new Endpoint("PUT", path); }
    private static Endpoint patch(String path) { return new Endpoint("PATCH", path); }
    private static Endpoint delete(String path) { return new Endpoint("DELETE", path); }
}
