package dev.guildhall.slack.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Slack's Web API (and for response_url): a MockWebServer that records every call,
 * answers {@code users.info} from a table of who is admin or owner, and can answer 429 once.
 */
public class FakeSlack implements AutoCloseable {

    /** One recorded call: the Web API method (or {@code response_url}), its arguments and the auth header. */
    public record Received(String method, String path, JsonNode args, String authorization, Instant at) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** user id → admin | owner | primary | member. */
    public final Map<String, String> standing = new ConcurrentHashMap<>();
    public final Set<String> moderatorGroup = ConcurrentHashMap.newKeySet();
    private final Set<String> rateLimitOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public FakeSlack() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Web API base URL ({@code SLACK_API_URL}). */
    public String apiUrl() {
        return server.url("/api/").toString();
    }

    /** A response_url as Slack would give one. */
    public String responseUrl(String id) {
        return server.url("/respond/" + id).toString();
    }

    /** The next call of {@code method} answers 429 with {@code Retry-After: 1}. */
    public void rateLimitNext(String method) {
        rateLimitOnce.add(method);
    }

    public void fail(String method, String error) {
        failing.put(method, error);
    }

    public List<Received> calls(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** Waits up to {@code timeout} for {@code count} calls of {@code method}. */
    public List<Received> await(String method, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Received> calls = calls(method);
            if (calls.size() >= count) return calls;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " " + method + " calls within " + timeout + ", got "
                + calls(method) + "; all: " + received.stream().map(Received::method).toList());
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String method = path.startsWith("/respond/") ? "response_url" : path.substring(path.lastIndexOf('/') + 1);
        JsonNode args = args(request);
        received.add(new Received(method, path, args, request.getHeaders().get("Authorization"), Instant.now()));
        if (rateLimitOnce.remove(method)) {
            return new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                    .body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
        }
        if (method.equals("response_url")) return ok("ok");
        String error = failing.get(method);
        if (error != null) return ok("{\"ok\":false,\"error\":\"" + error + "\"}");
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "users.info" -> {
                String id = args.path("user").asText();
                String s = standing.getOrDefault(id, "member");
                body.putObject("user").put("id", id).put("name", id.toLowerCase())
                        .put("is_admin", !s.equals("member")).put("is_owner", s.equals("owner") || s.equals("primary"))
                        .put("is_primary_owner", s.equals("primary"))
                        .putObject("profile").put("display_name", "name-" + id);
            }
            case "usergroups.users.list" -> {
                var users = body.putArray("users");
                moderatorGroup.forEach(users::add);
            }
            case "conversations.open" -> body.putObject("channel").put("id", "D" + args.path("users").asText());
            case "chat.postMessage" -> body.put("ts", "1700000000.000100").put("channel", args.path("channel").asText());
            default -> { }
        }
        return ok(body.toString());
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode args(RecordedRequest request) {
        String text = request.getBody() == null ? "" : request.getBody().utf8();
        String type = request.getHeaders().get("Content-Type");
        try {
            if (type != null && type.startsWith("application/json")) return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode form = JSON.createObjectNode();
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    public List<String> methods() {
        return new ArrayList<>(received.stream().map(Received::method).toList());
    }

    @Override
    public void close() {
        server.close();
    }
}
