package dev.guildhall.slack.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.client.Actor;
import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallApiException;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.GuildhallException;
import dev.guildhall.client.ListOptions;
import dev.guildhall.client.Permission;
import dev.guildhall.client.model.MemberJoin;
import dev.guildhall.client.model.MessageCheck;
import dev.guildhall.client.model.NewCase;
import dev.guildhall.client.model.NewWar;
import dev.guildhall.client.model.ServerRegistration;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link CoreApi} over the typed client from {@code openapi/}. Every call goes through one circuit
 * breaker (SmallRye Fault Tolerance), so a dead core-api is not hammered: outages and 5xx count
 * against it, refusals (4xx) do not. Retries are the client's: only idempotent calls (GET, PUT,
 * DELETE, and POSTs carrying the Slack trigger or event id as {@code Idempotency-Key}), briefly.
 */
public class TypedCoreApi implements CoreApi {

    private static final String PLATFORM = "slack";

    private final GuildhallClient client;
    private final Guard guard;
    private final ReplayTracker replays;
    private final ObjectMapper json = GuildhallClient.objectMapper();

    public TypedCoreApi(GuildhallClient client, Guard guard, ReplayTracker replays) {
        this.client = client;
        this.guard = guard;
        this.replays = replays;
    }

    @Override
    public JsonNode registerServer(String server, String name, Call call) {
        return run(() -> client.servers().register(server, new ServerRegistration(name, null), options(call)));
    }

    @Override
    public JsonNode config(String server, Call call) {
        return run(() -> client.servers().config(server, options(call)));
    }

    @Override
    public JsonNode patchConfig(String server, JsonNode mergePatch, Call call) {
        return run(() -> client.servers().patchConfig(server, mergePatch, options(call)));
    }

    @Override
    public JsonNode createWar(String server, JsonNode body, Call call) {
        return run(() -> client.wars().create(server, as(body, NewWar.class), options(call)));
    }

    @Override
    public JsonNode listWars(String server, Map<String, String> filters, Call call) {
        return run(() -> client.wars().list(server, list(filters), options(call)));
    }

    @Override
    public JsonNode war(String id, Call call) {
        return run(() -> client.wars().get(id, options(call)));
    }

    @Override
    public JsonNode warTransition(String id, String verb, Call call) {
        return run(() -> switch (verb) {
            case "accept" -> client.wars().accept(id, options(call));
            case "decline" -> client.wars().decline(id, options(call));
            case "cancel" -> client.wars().cancel(id, options(call));
            default -> throw new IllegalArgumentException("no war transition " + verb);
        });
    }

    @Override
    public JsonNode reportRound(String id, int winnerSide, Call call) {
        return run(() -> client.wars().reportRound(id, winnerSide, options(call)));
    }

    @Override
    public JsonNode roundTransition(String id, int round, String verb, Call call) {
        return run(() -> switch (verb) {
            case "confirm" -> client.wars().confirmRound(id, round, options(call));
            case "dispute" -> client.wars().disputeRound(id, round, options(call));
            default -> throw new IllegalArgumentException("no round transition " + verb);
        });
    }

    @Override
    public JsonNode leaderboard(String server, String game, Call call) {
        return run(() -> client.leaderboard().get(server, game, ListOptions.defaults(), options(call)));
    }

    @Override
    public JsonNode profile(String server, String user, Call call) {
        return run(() -> client.players().profile(server, user, options(call)));
    }

    @Override
    public JsonNode createCase(String server, JsonNode body, Call call) {
        return run(() -> client.cases().create(server, as(body, NewCase.class), options(call)));
    }

    @Override
    public JsonNode listCases(String server, Map<String, String> filters, Call call) {
        return run(() -> client.cases().list(server, list(filters), options(call)));
    }

    @Override
    public JsonNode getCase(String server, int number, Call call) {
        return run(() -> client.cases().get(server, number, options(call)));
    }

    @Override
    public JsonNode patchCase(String server, int number, JsonNode patch, Call call) {
        return run(() -> client.cases().updateReason(server, number, patch.path("reason").asText(null), options(call)));
    }

    @Override
    public Replayable checkMessage(String server, JsonNode body, Call call) {
        return runTraced(() -> client.automod().check(server, as(body, MessageCheck.class), options(call)));
    }

    @Override
    public Replayable memberJoined(String server, JsonNode body, Call call) {
        return runTraced(() -> client.members().joined(server, as(body, MemberJoin.class), options(call)));
    }

    @Override
    public List<JsonNode> claimActions(int limit) {
        return guarded(() -> client.actions().claim(PLATFORM, limit, CallOptions.none()).stream()
                .map(a -> (JsonNode) a.fields()).toList());
    }

    @Override
    public void ackAction(String id) {
        guarded(() -> {
            client.actions().ack(PLATFORM, id, CallOptions.none());
            return null;
        });
    }

    /**
     * The circuit breaker every call goes through: when half of the last {@code volume} calls could not
     * reach core-api, calls stop for {@code delay} (answered at once with "try again"), then two probe
     * calls decide whether it is back. Refusals (4xx) never count: core-api is up and answering.
     */
    public static Guard circuitBreaker(String name, int volume, Duration delay, Consumer<CircuitBreakerState> onChange) {
        return Guard.create()
                .withDescription(name)
                .withCircuitBreaker()
                    .name(name)
                    .requestVolumeThreshold(volume)
                    .failureRatio(0.5)
                    .delay(delay.toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(2)
                    .failOn(CoreUnavailableException.class)
                    .skipOn(CoreApiException.class)
                    .onStateChange(onChange)
                    .done()
                .build();
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode run(Supplier<?> call) {
        return guarded(() -> json.valueToTree(call.get()));
    }

    private Replayable runTraced(Supplier<?> call) {
        return guarded(() -> {
            ReplayTracker.Traced<?> traced = replays.trace(call);
            return new Replayable(json.valueToTree(traced.value()), traced.replayed());
        });
    }

    /** Through the circuit breaker, with the client's exceptions turned into the port's. */
    @SuppressWarnings("unchecked")
    private <T> T guarded(Supplier<T> call) {
        try {
            return (T) guard.get(() -> translate(call), Object.class);
        } catch (CircuitBreakerOpenException e) {
            throw new CoreUnavailableException("core-api circuit is open; not calling it for a while", e);
        }
    }

    private static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (GuildhallApiException e) {
            if (e.isServerUnavailable()) throw new CoreUnavailableException(e.getMessage(), e);
            throw new CoreApiException(e.status(), e.title(), e.detail(), e.errors().stream()
                    .map(f -> new CoreApiException.FieldError(f.field(), f.message())).toList());
        } catch (GuildhallException e) {
            throw new CoreUnavailableException(e.getMessage(), e);
        }
    }

    private <T> T as(JsonNode body, Class<T> type) {
        try {
            return json.treeToValue(body, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot build " + type.getSimpleName() + " from " + body, e);
        }
    }

    private static ListOptions list(Map<String, String> filters) {
        ListOptions options = ListOptions.first(25);
        for (Map.Entry<String, String> f : filters.entrySet()) options = options.filter(f.getKey(), f.getValue());
        return options;
    }

    static CallOptions options(Call call) {
        CallOptions options = CallOptions.none();
        if (call.actorId() != null) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String p : call.permissions()) permissions.add(Permission.valueOf(p));
            options = CallOptions.as(Actor.of(call.actorId(), call.actorName()).permissions(permissions)
                    .owner(call.owner()).topRole(call.topRole()));
        }
        if (call.idempotencyKey() != null) options = options.idempotencyKey(call.idempotencyKey());
        if (call.requestId() != null) options = options.requestId(call.requestId());
        return options;
    }
}
