package dev.guildhall.slack.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.slackapi.SlackApiException;
import dev.guildhall.slack.slackapi.SlackWebApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries out the platform actions core-api returns ({@code dm}, {@code log}, {@code message},
 * {@code delete}, {@code kick}, {@code ban} …) through Slack's Web API. Slack has no workspace ban,
 * timeout or role outside Enterprise Grid admin APIs: {@code kick} and {@code ban} remove the member
 * from the channel in question; what Slack cannot do is logged and counted, never faked.
 * One failed action does not stop the others.
 */
public class ActionExecutor {

    private static final Logger LOG = Logger.getLogger(ActionExecutor.class);

    /** Where the actions came from: the channel a command or message was in, if any. */
    public record Origin(String teamId, String channelId) {}

    private final SlackWebApi slack;
    private final SlackWebApi deleter;
    private final SlackFormat format;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ActionExecutor(SlackWebApi slack, SlackFormat format, ObjectMapper json, MeterRegistry metrics) {
        this(slack, slack, format, json, metrics);
    }

    /**
     * {@code deleter} deletes messages: Slack lets a bot token delete only the bot's own messages, so
     * automod deletes need an admin's user token (SLACK_USER_TOKEN); without one it is the bot's API.
     */
    public ActionExecutor(SlackWebApi slack, SlackWebApi deleter, SlackFormat format, ObjectMapper json, MeterRegistry metrics) {
        this.deleter = deleter;
        this.slack = slack;
        this.format = format;
        this.json = json;
        this.metrics = metrics;
    }

    /** Runs every action in order; answers how many Slack carried out. */
    public int executeAll(JsonNode actions, Origin origin) {
        int done = 0;
        if (actions == null || !actions.isArray()) return 0;
        for (JsonNode action : actions) {
            if (execute(action, origin)) done++;
        }
        return done;
    }

    /** Runs one action; false when Slack refused it or cannot do it. */
    public boolean execute(JsonNode action, Origin origin) {
        String type = action.path("type").asText("");
        try {
            boolean done = switch (type) {
                case "dm" -> dm(userId(action.path("user").asText()), format.posted(textOrMessage(action)));
                case "log", "message", "post", "welcome", "alert" -> post(channel(action, origin), format.posted(textOrMessage(action)));
                case "delete", "delete_message", "deleteMessage" -> {
                    deleter.call("chat.delete", args("channel", channel(action, origin),
                            "ts", firstText(action, "messageId", "message", "ts")));
                    yield true;
                }
                case "kick", "ban" -> {
                    String channel = channel(action, origin);
                    if (channel == null) yield unsupported(type, "no channel to remove the member from");
                    slack.call("conversations.kick", args("channel", channel, "user", userId(action.path("user").asText())));
                    yield true;
                }
                default -> unsupported(type, "Slack has no equivalent");
            };
            if (done) count(type, "ok");
            return done;
        } catch (SlackApiException e) {
            LOG.warnf("Slack refused action %s: %s", type, e.error());
            count(type, e.error());
            return false;
        }
    }

    private boolean dm(String user, Reply message) {
        String channel = slack.call("conversations.open", args("users", user)).path("channel").path("id").asText();
        return post(channel, message);
    }

    private boolean post(String channel, Reply message) {
        if (channel == null || channel.isBlank()) return unsupported("post", "no channel configured");
        slack.call("chat.postMessage", json.convertValue(message.toPostMessage(channel), Map.class));
        return true;
    }

    private boolean unsupported(String type, String why) {
        LOG.infof("Action %s not carried out in Slack: %s", type, why);
        count(type, "unsupported");
        return false;
    }

    private static JsonNode textOrMessage(JsonNode action) {
        if (action.path("message").isObject() || action.path("message").isTextual()) return action.path("message");
        return action.path("text");
    }

    private static String channel(JsonNode action, Origin origin) {
        String c = action.path("channel").asText(null);
        if (c != null && !c.isBlank()) return c.startsWith("slack:") ? c.substring(6) : c;
        return origin == null ? null : origin.channelId();
    }

    private static String firstText(JsonNode node, String... names) {
        for (String n : names) {
            if (node.path(n).isTextual()) return node.path(n).asText();
        }
        return null;
    }

    /** {@code slack:U123} → {@code U123}. */
    static String userId(String chatId) {
        return chatId != null && chatId.startsWith("slack:") ? chatId.substring(6) : chatId;
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) map.put((String) kv[i], kv[i + 1]);
        return map;
    }

    private void count(String type, String outcome) {
        if (metrics != null) metrics.counter("slack.actions", "type", type, "outcome", outcome).increment();
    }
}
