package dev.guildhall.slack.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.core.Call;
import dev.guildhall.slack.core.CoreApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A core-api stand-in for the command families' tests: records every call and answers from a script. */
public class FakeCoreApi implements CoreApi {

    public record Recorded(String op, List<Object> args, Call call) {
        public Object arg(int i) { return args.get(i); }
    }

    public static final ObjectMapper JSON = new ObjectMapper();

    public final List<Recorded> calls = new ArrayList<>();
    /** Answers by operation name; throw from it to simulate refusals or outages. */
    public Function<Recorded, Object> answers = r -> JSON.createObjectNode();

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Recorded last(String op) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).op().equals(op)) return calls.get(i);
        }
        throw new AssertionError("no " + op + " call in " + calls);
    }

    public List<String> ops() {
        return calls.stream().map(Recorded::op).toList();
    }

    @SuppressWarnings("unchecked")
    private <T> T record(String op, Call call, Object... args) {
        Recorded r = new Recorded(op, List.of(args), call);
        calls.add(r);
        return (T) answers.apply(r);
    }

    @Override public JsonNode registerServer(String server, String name, Call call) { return record("registerServer", call, server, name); }
    @Override public JsonNode config(String server, Call call) { return record("config", call, server); }
    @Override public JsonNode patchConfig(String server, JsonNode p, Call call) { return record("patchConfig", call, server, p); }
    @Override public JsonNode createWar(String server, JsonNode body, Call call) { return record("createWar", call, server, body); }
    @Override public JsonNode listWars(String server, Map<String, String> f, Call call) { return record("listWars", call, server, f); }
    @Override public JsonNode war(String id, Call call) { return record("war", call, id); }
    @Override public JsonNode warTransition(String id, String verb, Call call) { return record("warTransition", call, id, verb); }
    @Override public JsonNode reportRound(String id, int side, Call call) { return record("reportRound", call, id, side); }
    @Override public JsonNode roundTransition(String id, int n, String verb, Call call) { return record("roundTransition", call, id, n, verb); }
    @Override public JsonNode leaderboard(String server, String game, Call call) { return record("leaderboard", call, server, game == null ? "" : game); }
    @Override public JsonNode profile(String server, String user, Call call) { return record("profile", call, server, user); }
    @Override public JsonNode createCase(String server, JsonNode body, Call call) { return record("createCase", call, server, body); }
    @Override public JsonNode listCases(String server, Map<String, String> f, Call call) { return record("listCases", call, server, f); }
    @Override public JsonNode getCase(String server, int number, Call call) { return record("getCase", call, server, number); }
    @Override public JsonNode patchCase(String server, int number, JsonNode p, Call call) { return record("patchCase", call, server, number, p); }
    @Override public Replayable checkMessage(String server, JsonNode body, Call call) { return record("checkMessage", call, server, body); }
    @Override public Replayable memberJoined(String server, JsonNode body, Call call) { return record("memberJoined", call, server, body); }
    @Override public List<JsonNode> claimActions(int limit) { return record("claimActions", null, limit); }
    @Override public void ackAction(String id) { record("ackAction", null, id); }
}
