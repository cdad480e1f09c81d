package dev.guildhall.discord.api;

/**
 * The core-api operations the bot uses (DESIGN §4). {@link CoreApi} implementations map each to the
 * typed client; commands only name them, so their mapping can be tested without HTTP.
 */
public enum Operation {
    REGISTER_SERVER("PUT"),
    GET_SERVER_CONFIG("GET"),
    PATCH_SERVER_CONFIG("PATCH"),
    CREATE_WAR("POST"),
    LIST_WARS("GET"),
    GET_WAR("GET"),
    ACCEPT_WAR("POST"),
    DECLINE_WAR("POST"),
    CANCEL_WAR("POST"),
    REPORT_ROUND("POST"),
    CONFIRM_ROUND("POST"),
    DISPUTE_ROUND("POST"),
    LEADERBOARD("GET"),
    PLAYER_PROFILE("GET"),
    CREATE_CASE("POST"),
    LIST_CASES("GET"),
    GET_CASE("GET"),
    PATCH_CASE("PATCH"),
    CHECK_MESSAGE("POST"),
    MEMBER_JOINED("POST"),
    CLAIM_ACTIONS("POST"),
    ACK_ACTION("POST");

    private final String method;

    Operation(String method) {
        this.method = method;
    }

    public String method() {
        return method;
    }

    /** Safe to repeat without an Idempotency-Key. */
    public boolean idempotentByMethod() {
        return method.equals("GET") || method.equals("PUT");
    }
}
