package dev.guildhall.slack.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.UUID;

/** A Slack user's side of the conversation: sends signed commands and clicks, and reads what they are shown. */
public final class SlackChat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSlack slack;

    public SlackChat(FakeSlack slack) {
        this.slack = slack;
    }

    /** Sends a signed /gm command and answers what the user sees: inline, or later through response_url. */
    public JsonNode gm(String team, String user, String text) {
        return gm(team, user, text, "trig-" + UUID.randomUUID());
    }

    public JsonNode gm(String team, String user, String text, String trigger) {
        String answerId = "a-" + UUID.randomUUID();
        String body = SlackSigner.postCommand(SlackSigner.command(team, user, text, trigger, slack.responseUrl(answerId)))
                .then().statusCode(200).extract().asString();
        JsonNode inline = read(body);
        if (!"Working on it…".equals(inline.path("text").asText())) return inline;
        return delivered(answerId, "/gm " + text);
    }

    /** Clicks a button; Slack gets an empty 200 at once and the answer comes through response_url. */
    public JsonNode click(String team, String user, String actionId, String value) {
        String answerId = "c-" + UUID.randomUUID();
        SlackSigner.postClick(team, user, actionId, value, "trig-" + UUID.randomUUID(), slack.responseUrl(answerId))
                .then().statusCode(200);
        return delivered(answerId, "click " + actionId);
    }

    private JsonNode delivered(String answerId, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (FakeSlack.Received r : slack.calls("response_url")) {
                if (r.path().endsWith(answerId)) return r.args();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no answer for " + what);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
