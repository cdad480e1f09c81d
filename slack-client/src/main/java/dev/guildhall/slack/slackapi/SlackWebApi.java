package dev.guildhall.slack.slackapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Slack's Web API ({@code chat.postMessage}, {@code conversations.kick}, {@code users.info} …) and
 * {@code response_url} posts, over OkHttp. A 429 is retried after its {@code Retry-After} seconds,
 * a few times at most; Slack's base URL comes from {@code SLACK_API_URL} so tests use a local fake.
 */
public class SlackWebApi {

    private static final Logger LOG = Logger.getLogger(SlackWebApi.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** Waits between attempts; tests replace it to record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String token;
    private final ObjectMapper json;
    private final int rateLimitRetries;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;
    private final MeterRegistry metrics;

    public SlackWebApi(OkHttpClient http, String baseUrl, String token, ObjectMapper json, int rateLimitRetries,
                       Duration maxRetryAfter, Sleeper sleeper, MeterRegistry metrics) {
        this.http = http;
        HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (parsed == null) throw new IllegalArgumentException("SLACK_API_URL is not a URL: " + baseUrl);
        this.base = parsed;
        this.token = token;
        this.json = json;
        this.rateLimitRetries = rateLimitRetries;
        this.maxRetryAfter = maxRetryAfter;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /**
     * Calls a Web API method. Flat arguments go form-encoded (every method takes that); arguments
     * holding objects or lists ({@code blocks}) go as JSON. Answers Slack's JSON when {@code ok} is true.
     */
    public JsonNode call(String method, Map<String, ?> args) {
        boolean flat = args.values().stream().allMatch(v -> v == null || v instanceof String
                || v instanceof Number || v instanceof Boolean);
        RequestBody body;
        if (flat) {
            FormBody.Builder form = new FormBody.Builder();
            args.forEach((k, v) -> {
                if (v != null) form.add(k, v.toString());
            });
            body = form.build();
        } else {
            body = RequestBody.create(write(args), JSON);
        }
        Request request = new Request.Builder()
                .url(base.resolve(method))
                .header("Authorization", "Bearer " + token)
                .post(body)
                .build();
        JsonNode answer = execute(method, request);
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown_error");
            count(method, error);
            throw new SlackApiException(method, error, null);
        }
        count(method, "ok");
        return answer;
    }

    /** Posts a message to a slash command's or button's {@code response_url} (valid 30 minutes, 5 uses). */
    public void respond(String responseUrl, JsonNode message) {
        HttpUrl url = HttpUrl.parse(responseUrl);
        if (url == null) throw new SlackApiException("response_url", "invalid_url", null);
        Request request = new Request.Builder().url(url).post(RequestBody.create(write(message), JSON)).build();
        execute("response_url", request);
        count("response_url", "ok");
    }

    private JsonNode execute(String method, Request request) {
        for (int attempt = 0; ; attempt++) {
            try (Response response = http.newCall(request).execute()) {
                if (response.code() == 429) {
                    Duration wait = retryAfter(response.header("Retry-After"));
                    if (attempt >= rateLimitRetries || wait.compareTo(maxRetryAfter) > 0) {
                        count(method, "ratelimited");
                        throw new SlackApiException(method, "ratelimited", null);
                    }
                    LOG.infof("Slack rate-limited %s; retrying after %s", method, wait);
                    count(method, "retry_after");
                    sleeper.sleep(wait);
                    continue;
                }
                ResponseBody body = response.body();
                String text = body == null ? "" : body.string();
                if (!response.isSuccessful()) {
                    count(method, "http_" + response.code());
                    throw new SlackApiException(method, "http_" + response.code(), null);
                }
                if (text.isBlank() || !text.trim().startsWith("{")) {
                    return json.createObjectNode().put("ok", true).put("text", text.trim());
                }
                return json.readTree(text);
            } catch (IOException e) {
                count(method, "io_error");
                throw new SlackApiException(method, "io_error", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackApiException(method, "interrupted", e);
            }
        }
    }

    static Duration retryAfter(String header) {
        if (header == null) return Duration.ofSeconds(1);
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void count(String method, String outcome) {
        if (metrics != null) {
            metrics.counter("slack.webapi.calls", "method", method, "outcome", outcome).increment();
        }
    }
}
