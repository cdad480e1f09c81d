package dev.guildhall.slack.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.slack.actions.ActionExecutor;
import dev.guildhall.slack.core.Call;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.core.CoreApiException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Events API callbacks: {@code message} → automod check, {@code member_joined_channel} and
 * {@code team_join} → members/joined; the returned actions are carried out.
 *
 * <p><b>Never twice.</b> Slack retries an event it thinks we missed ({@code X-Slack-Retry-Num}),
 * and the retry may reach another slack-client instance. So de-duplication cannot live in one
 * instance's memory: every event's call to core-api carries the Slack {@code event_id} as its
 * {@code Idempotency-Key}. core-api keeps those records in PostgreSQL, shared by all its
 * instances, per API key — and all slack-client instances use the same platform key. A retry
 * therefore gets the first answer back marked as a replay (a retry racing the first attempt waits
 * for it), and its actions are not carried out again. An event whose first attempt never reached
 * core-api is processed normally on the retry.
 */
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);
    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(?:\\|[^>]*)?>|<!(?:here|channel|everyone)>");

    private final CoreApi core;
    private final ActionExecutor actions;
    private final MeterRegistry metrics;

    public EventHandler(CoreApi core, ActionExecutor actions, MeterRegistry metrics) {
        this.core = core;
        this.actions = actions;
        this.metrics = metrics;
    }

    /** Handles one {@code event_callback} envelope. */
    public void handle(JsonNode envelope, String requestId) {
        String team = envelope.path("team_id").asText(null);
        String eventId = envelope.path("event_id").asText(null);
        JsonNode event = envelope.path("event");
        String type = event.path("type").asText("");
        if (team == null || eventId == null) {
            count(type, "malformed");
            return;
        }
        String server = "slack:" + team;
        Call call = Call.system(eventId, requestId);
        try {
            CoreApi.Replayable answer;
            String channel = event.path("channel").asText(null);
            switch (type) {
                case "message" -> {
                    if (event.has("subtype") || event.has("bot_id") || !event.path("user").isTextual()) {
                        count(type, "ignored");
                        return;
                    }
                    answer = core.checkMessage(server, messageBody(event), call);
                }
                case "member_joined_channel" -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode()
                            .put("user", "slack:" + event.path("user").asText())
                            .put("name", event.path("user").asText());
                    answer = core.memberJoined(server, body, call);
                }
                case "team_join" -> {
                    JsonNode user = event.path("user");
                    ObjectNode body = JsonNodeFactory.instance.objectNode()
                            .put("user", "slack:" + user.path("id").asText())
                            .put("name", user.path("profile").path("display_name").asText(user.path("name").asText()));
                    answer = core.memberJoined(server, body, call);
                }
                default -> {
                    count(type, "ignored");
                    return;
                }
            }
            if (answer.replayed()) {
                LOG.debugf("event %s was already handled; not acting twice", eventId);
                count(type, "replayed");
                return;
            }
            actions.executeAll(answer.body().path("actions"), new ActionExecutor.Origin(team, channel));
            count(type, "ok");
        } catch (CoreApiException e) {
            // e.g. 404 for a workspace that never used /gm: nothing to enforce there
            LOG.debugf("core-api refused event %s (%s): %s", eventId, type, e.getMessage());
            count(type, "refused");
        }
    }

    static ObjectNode messageBody(JsonNode event) {
        String text = event.path("text").asText("");
        int mentions = 0;
        Matcher m = MENTION.matcher(text);
        while (m.find()) mentions++;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("messageId", event.path("ts").asText());
        body.put("channel", event.path("channel").asText());
        ObjectNode author = body.putObject("author");
        author.put("user", "slack:" + event.path("user").asText());
        author.putArray("roles");
        body.put("content", text);
        body.put("mentions", mentions);
        return body;
    }

    private void count(String type, String outcome) {
        if (metrics != null) metrics.counter("slack.events", "type", type, "outcome", outcome).increment();
    }
}
