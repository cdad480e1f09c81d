package dev.guildhall.discord.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link CoreApi} on the typed client in {@code openapi/}: every call the bot makes goes through
 * {@link GuildhallClient}, which also retries the calls that are safe to repeat. Answers are turned
 * into JSON trees with the client's own mapper, so formatting reads the contract's field names.
 */
public final class ClientCoreApi implements CoreApi {

    private final GuildhallClient client;
    private final ObjectMapper mapper = GuildhallClient.objectMapper();

    public ClientCoreApi(GuildhallClient client) {
        this.client = client;
    }

    @Override
    public JsonNode call(ApiRequest r, CallContext ctx) {
        CallOptions opts = options(ctx);
        try {
            Object answer = switch (r.op()) {
                case REGISTER_SERVER -> client.servers().register(r.pathParam("server"),
                        as(r.body(), ServerRegistration.class), opts);
                case GET_SERVER_CONFIG -> client.servers().config(r.pathParam("server"), opts);
                case PATCH_SERVER_CONFIG -> client.servers().patchConfig(r.pathParam("server"), r.body(), opts);
                case CREATE_WAR -> client.wars().create(r.pathParam("server"), as(r.body(), NewWar.class), opts);
                case LIST_WARS -> client.wars().list(r.pathParam("server"), list(r.query()), opts);
                case GET_WAR -> client.wars().get(r.pathParam("id"), opts);
                case ACCEPT_WAR -> client.wars().accept(r.pathParam("id"), opts);
                case DECLINE_WAR -> client.wars().decline(r.pathParam("id"), opts);
                case CANCEL_WAR -> client.wars().cancel(r.pathParam("id"), opts);
                case REPORT_ROUND -> client.wars().reportRound(r.pathParam("id"), r.body().path("winner").asInt(),
                        opts);
                case CONFIRM_ROUND -> client.wars().confirmRound(r.pathParam("id"), Integer.parseInt(r.pathParam("n")),
                        opts);
                case DISPUTE_ROUND -> client.wars().disputeRound(r.pathParam("id"), Integer.parseInt(r.pathParam("n")),
                        opts);
                case LEADERBOARD -> client.leaderboard().get(r.pathParam("server"), r.query().get("game"),
                        ListOptions.defaults(), opts);
                case PLAYER_PROFILE -> client.players().profile(r.pathParam("server"), r.pathParam("user"), opts);
                case CREATE_CASE -> client.cases().create(r.pathParam("server"), as(r.body(), NewCase.class), opts);
                case LIST_CASES -> client.cases().list(r.pathParam("server"), list(r.query()), opts);
                case GET_CASE -> client.cases().get(r.pathParam("server"), Integer.parseInt(r.pathParam("number")),
                        opts);
                case PATCH_CASE -> client.cases().updateReason(r.pathParam("server"),
                        Integer.parseInt(r.pathParam("number")), r.body().path("reason").asText(), opts);
                case CHECK_MESSAGE -> client.automod().check(r.pathParam("server"), as(r.body(), MessageCheck.class),
                        opts);
                case MEMBER_JOINED -> client.members().joined(r.pathParam("server"), as(r.body(), MemberJoin.class),
                        opts);
                case CLAIM_ACTIONS -> client.actions().claim(r.pathParam("platform"),
                        r.body() == null ? 25 : r.body().path("limit").asInt(25), opts);
                case ACK_ACTION -> {
                    client.actions().ack(r.pathParam("platform"), r.pathParam("id"), opts);
                    yield null;
                }
            };
            return answer == null ? mapper.createObjectNode() : mapper.valueToTree(answer);
        } catch (GuildhallApiException e) {
            throw new ApiException(e.status(), e.title(), e.detail(), e.isServerUnavailable(),
                    e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(null), e);
        } catch (GuildhallException e) {
            throw ApiException.unreachable(e.getMessage(), e);
        }
    }

    static CallOptions options(CallContext ctx) {
        CallOptions opts = ctx.actor() == null ? CallOptions.none() : CallOptions.as(actor(ctx.actor()));
        if (ctx.idempotencyKey() != null) opts = opts.idempotencyKey(ctx.idempotencyKey());
        if (ctx.requestId() != null) opts = opts.requestId(ctx.requestId());
        return opts;
    }

    static Actor actor(ActorInfo a) {
        Set<Permission> perms = EnumSet.noneOf(Permission.class);
        a.permissions().forEach(p -> perms.add(Permission.valueOf(p)));
        return Actor.of(a.id(), a.name()).permissions(perms).owner(a.owner()).topRole(a.topRole());
    }

    private static ListOptions list(Map<String, String> query) {
        ListOptions list = ListOptions.defaults();
        for (Map.Entry<String, String> q : query.entrySet()) list = list.filter(q.getKey(), q.getValue());
        return list;
    }

    private <T> T as(JsonNode body, Class<T> type) {
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send " + body + " as " + type.getSimpleName(), e);
        }
    }
}
