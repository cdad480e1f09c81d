package dev.guildhall.slack.core;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Placeholder until the typed client (openapi/) lands on main: every call reports core-api as unavailable. */
@ApplicationScoped
public class TypedCoreApi implements CoreApi {

    private static RuntimeException missing() {
        return new CoreUnavailableException("the typed Guildhall client is not merged yet", null);
    }

    @Override public JsonNode registerServer(String server, String name, Call call) { throw missing(); }
    @Override public JsonNode config(String server, Call call) { throw missing(); }
    @Override public JsonNode patchConfig(String server, JsonNode mergePatch, Call call) { throw missing(); }
    @Override public JsonNode createWar(String server, JsonNode body, Call call) { throw missing(); }
    @Override public JsonNode listWars(String server, Map<String, String> filters, Call call) { throw missing(); }
    @Override public JsonNode war(String id, Call call) { throw missing(); }
    @Override public JsonNode warTransition(String id, String verb, Call call) { throw missing(); }
    @Override public JsonNode reportRound(String id, int winnerSide, Call call) { throw missing(); }
    @Override public JsonNode roundTransition(String id, int round, String verb, Call call) { throw missing(); }
    @Override public JsonNode leaderboard(String server, String game, Call call) { throw missing(); }
    @Override public JsonNode profile(String server, String user, Call call) { throw missing(); }
    @Override public JsonNode createCase(String server, JsonNode body, Call call) { throw missing(); }
    @Override public JsonNode listCases(String server, Map<String, String> filters, Call call) { throw missing(); }
    @Override public JsonNode getCase(String server, int number, Call call) { throw missing(); }
    @Override public JsonNode patchCase(String server, int number, JsonNode patch, Call call) { throw missing(); }
    @Override public Replayable checkMessage(String server, JsonNode body, Call call) { throw missing(); }
    @Override public Replayable memberJoined(String server, JsonNode body, Call call) { throw missing(); }
    @Override public List<JsonNode> claimActions(int limit) { throw missing(); }
    @Override public void ackAction(String id) { throw missing(); }
}
