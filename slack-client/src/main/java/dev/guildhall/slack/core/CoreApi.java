package dev.guildhall.slack.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What the adapter asks of core-api, one method per operation it uses. The only implementation,
 * {@link TypedCoreApi}, goes through the typed client in {@code openapi/}; tests of the command
 * families use a fake. Answers are JSON trees carrying the names DESIGN §4 promises, so formatting
 * does not depend on the client's Java types.
 *
 * <p>Every method throws {@link CoreApiException} when core-api refuses (a problem answer) and
 * {@link CoreUnavailableException} when it cannot be reached or the circuit is open.
 */
public interface CoreApi {

    /** {@code PUT /v1/servers/{server}}: registers the workspace (no actor, the adapter's own right). */
    JsonNode registerServer(String server, String name, Call call);

    JsonNode config(String server, Call call);

    JsonNode patchConfig(String server, JsonNode mergePatch, Call call);

    JsonNode createWar(String server, JsonNode body, Call call);

    JsonNode listWars(String server, Map<String, String> filters, Call call);

    JsonNode war(String id, Call call);

    /** {@code POST /v1/wars/{id}/accept|decline|cancel}. */
    JsonNode warTransition(String id, String verb, Call call);

    JsonNode reportRound(String id, int winnerSide, Call call);

    /** {@code POST /v1/wars/{id}/rounds/{n}/confirm|dispute}. */
    JsonNode roundTransition(String id, int round, String verb, Call call);

    JsonNode leaderboard(String server, String game, Call call);

    JsonNode profile(String server, String user, Call call);

    JsonNode createCase(String server, JsonNode body, Call call);

    JsonNode listCases(String server, Map<String, String> filters, Call call);

    JsonNode getCase(String server, int number, Call call);

    JsonNode patchCase(String server, int number, JsonNode patch, Call call);

    /** {@code POST /v1/servers/{server}/messages/check}. */
    Replayable checkMessage(String server, JsonNode body, Call call);

    /** {@code POST /v1/servers/{server}/members/joined}. */
    Replayable memberJoined(String server, JsonNode body, Call call);

    /** {@code POST /v1/platforms/slack/actions/claim}: deferred actions leased to this adapter. */
    List<JsonNode> claimActions(int limit);

    void ackAction(String id);

    /** An answer and whether core-api replayed it for a repeated {@code Idempotency-Key}. */
    record Replayable(JsonNode body, boolean replayed) {}
}
