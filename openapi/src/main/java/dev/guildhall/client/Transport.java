package dev.guildhall.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.model.Problem;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds requests (URL, auth, actor, idempotency and request-id headers, JSON body), sends them,
 * maps answers to values or exceptions, and retries where that is safe.
 *
 * <p>Retry rules, and why: a request is retried only when repeating it cannot do something twice —
 * GET, PUT and DELETE, and POSTs carrying an {@code Idempotency-Key} (core-api replays the first
 * answer; it keeps idempotency records for POSTs only, so a PATCH is never retried). A plain POST is never retried: if the connection broke after core-api acted, a retry
 * would ban twice or create a second war. Retried failures are transport errors and 502/503/504
 * (a dying instance or a proxy), and 429 when its {@code Retry-After} is short. Backoff is small,
 * exponential with jitter and bounded: adapters must answer chat users within seconds, and breaking
 * circuits is their job (SmallRye Fault Tolerance or similar), not this class's. Adapters send the
 * interaction or event id as the Idempotency-Key, so their POSTs are retryable too.
 */
final class Transport {

    static final MediaType JSON = MediaType.get("application/json");
    static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");
    static final String USER_AGENT = "guildhall-client/1";
    static final int MAX_NAME_LENGTH = 100;

    /** How the client waits between attempts; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpUrl baseUrl;
    private final String apiKey;
    private final Call.Factory http;
    private final Call.Factory httpNoRetry;
    private final ObjectMapper json;
    private final int maxRetries;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    Transport(HttpUrl baseUrl, String apiKey, OkHttpClient http, Function<OkHttpClient, Call.Factory> calls,
              ObjectMapper json, int maxRetries, Duration backoffBase, Duration backoffMax, Duration maxRetryAfter,
              Sleeper sleeper) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.http = calls.apply(http);
        // OkHttp itself silently repeats a request after some connection failures, even a POST that
        // core-api may already have carried out; plain POSTs go through a client that never does.
        this.httpNoRetry = calls.apply(http.newBuilder().retryOnConnectionFailure(false).build());
        this.json = json;
        this.maxRetries = maxRetries;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.maxRetryAfter = maxRetryAfter;
        this.sleeper = sleeper;
    }

    ObjectMapper json() {
        return json;
    }

    JavaType type(Class<?> type) {
        return json.getTypeFactory().constructType(type);
    }

    JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(dev.guildhall.client.model.Page.class, item);
    }

    /** A call without query parameters or body. */
    <T> T send(Endpoint endpoint, JavaType answer, CallOptions options, Object... pathArgs) {
        return send(endpoint, pathArgs, Map.of(), null, JSON, answer, options);
    }

    /** A call with a JSON body. */
    <T> T sendBody(Endpoint endpoint, Object body, JavaType answer, CallOptions options, Object... pathArgs) {
        return send(endpoint, pathArgs, Map.of(), body, JSON, answer, options);
    }

    /**
     * Sends one call, retrying per the class comment. {@code answer} null means no body is read
     * (and null is returned); a 204 also returns null.
     */
    <T> T send(Endpoint endpoint, Object[] pathArgs, Map<String, String> query, Object body, MediaType bodyType,
               JavaType answer, CallOptions options) {
        CallOptions opts = options == null ? CallOptions.none() : options;
        String requestId = opts.requestId() != null && !opts.requestId().isBlank()
                ? opts.requestId() : UUID.randomUUID().toString();
        Request request = new Request.Builder()
                .url(url(endpoint, pathArgs, query))
                .headers(headers(opts, requestId))
                .method(endpoint.method(), requestBody(endpoint, body, bodyType))
                .build();
        boolean retryable = endpoint.idempotentByMethod()
                || opts.idempotencyKey() != null && endpoint.method().equals("POST");

        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try (Response response = (retryable ? http : httpNoRetry).newCall(request).execute()) {
                byte[] bytes = response.body().bytes();
                if (response.isSuccessful()) {
                    return read(bytes, answer, requestId, endpoint);
                }
                GuildhallApiException failure = problem(response, bytes, requestId);
                wait = retryable && attempt < maxRetries ? retryDelay(failure, attempt) : null;
                if (wait == null) {
                    throw failure;
                }
            } catch (IOException e) {
                if (!retryable || attempt >= maxRetries) {
                    throw new GuildhallUnavailableException("Guildhall API unreachable (" + endpoint.method() + " "
                            + request.url().encodedPath() + "): " + e, requestId, e);
                }
                wait = backoff(attempt);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GuildhallUnavailableException("Interrupted while waiting to retry", requestId, e);
            }
        }
    }

    HttpUrl url(Endpoint endpoint, Object[] pathArgs, Map<String, String> query) {
        HttpUrl.Builder url = baseUrl.newBuilder();
        int next = 0;
        for (String segment : endpoint.path().substring(1).split("/")) {
            if (segment.startsWith("{")) {
                if (next >= pathArgs.length) {
                    throw new IllegalArgumentException(endpoint + " needs more path arguments");
                }
                url.addPathSegment(pathArg(segment, pathArgs[next++]));
            } else {
                url.addPathSegment(segment);
            }
        }
        if (next != pathArgs.length) {
            throw new IllegalArgumentException(endpoint + " takes " + next + " path arguments, got " + pathArgs.length);
        }
        query.forEach((name, value) -> {
            if (value != null) url.addQueryParameter(name, value);
        });
        return url.build();
    }

    private static String pathArg(String name, Object value) {
        String text = value == null ? null : value.toString();
        // "." and ".." would be resolved by the URL builder and reach another resource.
        if (text == null || text.isBlank() || text.equals(".") || text.equals("..")) {
            throw new IllegalArgumentException("path parameter " + name + " must not be blank, '.' or '..': " + text);
        }
        return text;
    }

    private Headers headers(CallOptions opts, String requestId) {
        Headers.Builder h = new Headers.Builder()
                .add("Authorization", "Bearer " + apiKey)
                .add("Accept", "application/json, application/problem+json")
                .add("User-Agent", USER_AGENT)
                .add("X-Request-Id", requestId);
        if (opts.idempotencyKey() != null) {
            h.add("Idempotency-Key", opts.idempotencyKey());
        }
        Actor actor = opts.actor();
        if (actor != null) {
            h.add("X-Actor-Id", actor.id());
            String name = displayName(actor.name());
            if (name != null) {
                // Chat names are often non-ASCII; sent as UTF-8 bytes (OkHttp refuses them in add()).
                h.addUnsafeNonAscii("X-Actor-Name", name);
            }
            if (!actor.permissions().isEmpty()) {
                h.add("X-Actor-Permissions", String.join(",",
                        actor.permissions().stream().sorted().map(Enum::name).toList()));
            }
            h.add("X-Actor-Owner", Boolean.toString(actor.owner()));
            if (actor.topRole() != null) {
                h.add("X-Actor-Top-Role", actor.topRole().toString());
            }
        }
        return h.build();
    }

    /** Control characters removed (no header injection), cut to the 100 characters core-api accepts. */
    static String displayName(String name) {
        if (name == null) return null;
        String clean = name.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.isEmpty()) return null;
        return clean.length() <= MAX_NAME_LENGTH ? clean
                : clean.substring(0, Character.isHighSurrogate(clean.charAt(MAX_NAME_LENGTH - 1))
                        ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH);
    }

    private RequestBody requestBody(Endpoint endpoint, Object body, MediaType type) {
        if (body != null) {
            try {
                return RequestBody.create(json.writeValueAsBytes(body), type);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write request body as JSON: " + e.getMessage(), e);
            }
        }
        return switch (endpoint.method()) {
            case "POST", "PUT", "PATCH" -> RequestBody.EMPTY;
            default -> null;
        };
    }

    private <T> T read(byte[] bytes, JavaType answer, String requestId, Endpoint endpoint) {
        if (answer == null || bytes.length == 0) {
            return null;
        }
        try {
            return json.readValue(bytes, answer);
        } catch (IOException e) {
            throw new GuildhallException("Unreadable answer from " + endpoint + ": " + e.getMessage(),
                    requestId, e);
        }
    }

    private GuildhallApiException problem(Response response, byte[] bytes, String sentRequestId) {
        String requestId = response.header("X-Request-Id", sentRequestId);
        Problem parsed = null;
        if (bytes.length > 0) {
            try {
                JsonNode node = json.readTree(bytes);
                if (node != null && node.isObject()) parsed = json.treeToValue(node, Problem.class);
            } catch (IOException | IllegalArgumentException e) {
                parsed = null; // not a problem body (a proxy's HTML page, say): synthesise one below
            }
        }
        int status = response.code();
        Problem problem = parsed == null
                ? new Problem("about:blank", response.message().isBlank() ? "HTTP " + status : response.message(),
                status, null, null, requestId, null)
                : new Problem(parsed.type(), parsed.title(), parsed.status() == null ? status : parsed.status(),
                parsed.detail(), parsed.instance(), parsed.requestId() == null ? requestId : parsed.requestId(),
                parsed.errors());
        return new GuildhallApiException(status, problem, retryAfter(response.header("Retry-After")),
                problem.requestId());
    }

    /** How long to wait before retrying this failure, or null when it is not worth retrying. */
    private Duration retryDelay(GuildhallApiException failure, int attempt) {
        int status = failure.status();
        if (status != 429 && !failure.isServerUnavailable()) {
            return null;
        }
        Duration retryAfter = failure.retryAfter().orElse(null);
        if (retryAfter == null) {
            return backoff(attempt);
        }
        // A long Retry-After (a cooldown, a maintenance) goes to the caller instead of blocking a chat reply.
        return retryAfter.compareTo(maxRetryAfter) <= 0 ? retryAfter : null;
    }

    /** base × 2^attempt, at most backoffMax, with "equal jitter" (half fixed, half random). */
    Duration backoff(int attempt) {
        long cap = backoffMax.toMillis();
        long exp = Math.min(cap, backoffBase.toMillis() << Math.min(attempt, 16));
        long half = exp / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) return null;
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
