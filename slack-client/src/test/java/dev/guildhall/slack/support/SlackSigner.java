package dev.guildhall.slack.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends requests the way Slack does: a form-encoded (or JSON) body, {@code X-Slack-Request-Timestamp}
 * and {@code X-Slack-Signature = v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))}. Written here
 * on its own (not with the adapter's class) so the test checks the adapter against Slack's recipe.
 */
public final class SlackSigner {

    public static final String SECRET = "test-signing-secret-0123456789abcdef";

    private SlackSigner() {}

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    public static String form(Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** A slash command's fields as Slack sends them. */
    public static Map<String, String> command(String team, String user, String text, String trigger, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated-verification-token");
        f.put("team_id", team);
        f.put("team_domain", "acme-" + team.toLowerCase());
        f.put("channel_id", "C0GENERAL");
        f.put("channel_name", "general");
        f.put("user_id", user);
        f.put("user_name", user.toLowerCase());
        f.put("command", "/gm");
        f.put("text", text);
        f.put("api_app_id", "A0GUILDHALL");
        f.put("response_url", responseUrl);
        f.put("trigger_id", trigger);
        return f;
    }

    public static Response post(String path, String body, ContentType type) {
        String ts = now();
        return RestAssured.given().contentType(type.withCharset("utf-8")).body(body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(SECRET, ts, body))
                .post(path);
    }

    public static Response postCommand(Map<String, String> fields) {
        return post("/slack/commands", form(fields), ContentType.URLENC);
    }

    /** A button click on one of Guildhall's cards, as Slack posts it to the interactivity URL. */
    public static Response postClick(String team, String user, String actionId, String value, String trigger,
                                     String responseUrl) {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"" + team + "\",\"domain\":\"acme\"},"
                + "\"user\":{\"id\":\"" + user + "\",\"username\":\"" + user.toLowerCase() + "\"},"
                + "\"channel\":{\"id\":\"C0GENERAL\"},\"trigger_id\":\"" + trigger + "\","
                + "\"response_url\":\"" + responseUrl + "\","
                + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"value\":\"" + value + "\"}]}";
        return post("/slack/interactions", form(Map.of("payload", payload)), ContentType.URLENC);
    }
}
