package dev.guildhall.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The typed client of the Guildhall v1 API. Thread-safe; build one per API key and share it.
 *
 * <pre>{@code
 * GuildhallClient client = GuildhallClient.builder()
 *         .baseUrl("http://localhost:8080").apiKey(System.getenv("GUILDHALL_API_KEY")).build();
 * War war = client.wars().create("discord:9", new NewWar("chess", "ft3", "12h", sides),
 *         CallOptions.as(actor).idempotencyKey(interactionId).requestId(requestId));
 * }</pre>
 *
 * Errors: a non-2xx answer throws {@link GuildhallApiException}; an unreachable API throws
 * {@link GuildhallUnavailableException}. Idempotent calls are retried a little (see {@code Transport}).
 */
public final class GuildhallClient implements AutoCloseable {

    private final Transport transport;
    private final OkHttpClient http;
    private final boolean ownsHttp;

    private final ApiKeysApi apiKeys;
    private final ServersApi servers;
    private final WarsApi wars;
    private final LeaderboardApi leaderboard;
    private final PlayersApi players;
    private final CasesApi cases;
    private final AutomodApi automod;
    private final MembersApi members;
    private final ActionsApi actions;
    private final AuditLogApi auditLog;
    private final StatsApi stats;

    private GuildhallClient(Builder b) {
        this.ownsHttp = b.httpClient == null;
        OkHttpClient.Builder hb = (ownsHttp ? new OkHttpClient.Builder() : b.httpClient.newBuilder())
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout);
        this.http = hb.build(); // newBuilder() keeps the shared client's connection pool and dispatcher
        this.transport = new Transport(b.baseUrl, b.apiKey, http, b.calls, objectMapper(), b.maxRetries,
                b.backoffBase, b.backoffMax, b.maxRetryAfter, b.sleeper);
        this.apiKeys = new ApiKeysApi(transport);
        this.servers = new ServersApi(transport);
        this.wars = new WarsApi(transport);
        this.leaderboard = new LeaderboardApi(transport);
        this.players = new PlayersApi(transport);
        this.cases = new CasesApi(transport);
        this.automod = new AutomodApi(transport);
        this.members = new MembersApi(transport);
        this.actions = new ActionsApi(transport);
        this.auditLog = new AuditLogApi(transport);
        this.stats = new StatsApi(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The JSON mapper the client uses: java.time as ISO strings, unknown fields ignored, nulls left
     * out of request bodies (JsonNode bodies are written as given, so merge-patch nulls survive).
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public ApiKeysApi apiKeys() { return apiKeys; }

    public ServersApi servers() { return servers; }

    public WarsApi wars() { return wars; }

    public LeaderboardApi leaderboard() { return leaderboard; }

    public PlayersApi players() { return players; }

    public CasesApi cases() { return cases; }

    public AutomodApi automod() { return automod; }

    public MembersApi members() { return members; }

    public ActionsApi actions() { return actions; }

    public AuditLogApi auditLog() { return auditLog; }

    public StatsApi stats() { return stats; }

    /** Releases the connection pool and threads, unless the OkHttpClient was shared in through the builder. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    public static final class Builder {
        private HttpUrl baseUrl;
        private String apiKey;
        private OkHttpClient httpClient;
        private Function<OkHttpClient, Call.Factory> calls = client -> client;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration callTimeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private Duration backoffBase = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(1);
        private Duration maxRetryAfter = Duration.ofSeconds(2);
        private Transport.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /** Where core-api (or its load balancer) is, e.g. {@code http://localhost:8080}; a path prefix is kept. */
        public Builder baseUrl(String url) {
            this.baseUrl = HttpUrl.get(Objects.requireNonNull(url, "baseUrl"));
            return this;
        }

        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Share an application-wide OkHttpClient (its pool and threads); timeouts are still set from here. */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Makes every call through what {@code wrap} builds on the configured OkHttpClient, e.g. OpenTelemetry's
         * {@code OkHttpTelemetry.create(openTelemetry)::newCallFactory}, which adds a client span and the
         * {@code traceparent} header to each attempt.
         */
        public Builder calls(Function<OkHttpClient, Call.Factory> wrap) {
            this.calls = Objects.requireNonNull(wrap);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Read and write timeout of one attempt. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Whole-attempt timeout (connect, send, wait, read); zero for none. */
        public Builder callTimeout(Duration d) {
            this.callTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Retries of an idempotent call after the first attempt (default 2; 0 turns retries off). */
        public Builder maxRetries(int n) {
            if (n < 0) throw new IllegalArgumentException("maxRetries must be 0 or more");
            this.maxRetries = n;
            return this;
        }

        /** Backoff of the first retry (doubling, jittered) and the most any backoff waits. */
        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = Objects.requireNonNull(base);
            this.backoffMax = Objects.requireNonNull(max);
            return this;
        }

        /** The longest 429/503 {@code Retry-After} the client waits out itself; longer ones are thrown. */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = Objects.requireNonNull(d);
            return this;
        }

        Builder sleeper(Transport.Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        public GuildhallClient build() {
            if (baseUrl == null) throw new IllegalStateException("baseUrl is required");
            if (apiKey == null || apiKey.isBlank()) throw new IllegalStateException("apiKey is required");
            return new GuildhallClient(this);
        }
    }
}
