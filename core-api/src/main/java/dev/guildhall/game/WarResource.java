package dev.guildhall.game;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The war challenge flow and results. Thin: access checks here, rules in {@link War}, transactions in {@link WarService}. */
@Path("/v1")
@Tag(name = "Wars", description = "Challenges, first-to-N rounds, disputes and expiry")
@Produces(MediaType.APPLICATION_JSON)
public class WarResource {

    @Schema(name = "NewWar")
    public record CreateWarBody(
            @Schema(example = "chess", description = "1 to 64 characters") String game,
            @Schema(example = "ft3", description = "ftN: first side to N round wins, N from 1 to 10") String format,
            @Schema(example = "12h", description = "1m to 7d; default 24h") String duration,
            @Schema(example = "[[\"discord:80351110224678912\"],[\"discord:81384788765712384\"]]",
                    description = "Two sides of 1 to 5 players each") List<List<String>> sides) {}

    @Schema(name = "RoundReport")
    public record ReportBody(@Schema(example = "0", description = "Index of the side that won the round") Integer winner) {}

    @Schema(name = "Resolution", description = "Either {\"void\":true} (the whole war, or one round when round is given) or a winner for a round")
    public record ResolveBody(
            @Schema(example = "2", description = "The round to settle; default: the latest unconfirmed round") Integer round,
            @Schema(example = "1", description = "The side that won the round") Integer winner,
            @JsonProperty("void") @Schema(name = "void", example = "false",
                    description = "Without round: void the whole war (no rating change). With round: strike that round out") Boolean voided,
            @Schema(example = "Screenshots show side 1 won", description = "Recorded in the audit log") String reason) {}

    private final WarService wars;
    private final ServerService servers;
    private final Caller caller;

    public WarResource(WarService wars, ServerService servers, Caller caller) {
        this.wars = wars;
        this.servers = servers;
        this.caller = caller;
    }

    @POST
    @Path("/servers/{server}/wars")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createWar", summary = "Challenge players to a war (the creator, if listed, accepts at once)")
    public Response create(@PathParam("server") String server, CreateWarBody body) {
        ChatId.parse("server", server);
        caller.requireWrite(server);
        Actor actor = caller.requireActor();
        if (body == null) throw ProblemException.badRequest("body-required", "Send the war as a JSON body");
        War war = wars.create(server, actor, body.game(), body.format(), body.duration(), body.sides());
        return Response.created(URI.create("/v1/wars/" + war.id())).entity(WarView.of(war, Instant.now())).build();
    }

    @GET
    @Path("/servers/{server}/wars")
    @Operation(operationId = "listWars", summary = "List a server's wars, newest first, by status, game or player")
    public Page<WarView> list(@PathParam("server") String server,
                              @QueryParam("status") String status,
                              @QueryParam("game") String game,
                              @QueryParam("player") String player,
                              @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        ChatId.parse("server", server);
        caller.requireRead(server, Scope.WARS_READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        War.Status s = status == null || status.isBlank() ? null : War.Status.parse("status", status);
        String g = game == null || game.isBlank() ? null : game.strip();
        if (g != null && g.length() > War.MAX_GAME) throw ProblemException.invalid("game", "must be 1 to " + War.MAX_GAME + " characters");
        String p = player == null || player.isBlank() ? null : ChatId.parse("player", player.trim()).toString();
        servers.require(server);
        Page<War> found = wars.list(server, s, g, p, page);
        Instant now = Instant.now();
        return new Page<>(found.items().stream().map(w -> WarView.of(w, now)).toList(), found.nextCursor());
    }

    @GET
    @Path("/wars/{id}")
    @Operation(operationId = "getWar", summary = "Read a war: sides, rounds, status, winner and rating changes")
    public WarView get(@PathParam("id") String id) {
        return WarView.of(wars.get(id), Instant.now());
    }

    @POST
    @Path("/wars/{id}/accept")
    @Idempotent
    @Operation(operationId = "acceptWar", summary = "Accept a challenge; the war starts when every listed player has")
    public Response accept(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.accept(a.id(), now)));
    }

    @POST
    @Path("/wars/{id}/decline")
    @Idempotent
    @Operation(operationId = "declineWar", summary = "Decline a pending challenge (the war becomes DECLINED)")
    public Response decline(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.decline(a.id(), now)));
    }

    @POST
    @Path("/wars/{id}/cancel")
    @Idempotent
    @Operation(operationId = "cancelWar",
            summary = "Cancel a war: its creator until the first round is reported, a MANAGE_SERVER moderator any time")
    public Response cancel(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.cancel(a.id(), WarService.isManager(a), now)));
    }

    @POST
    @Path("/wars/{id}/rounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "reportRound",
            summary = "Report a round's winner; counts at once if the losing side reports, else waits for their confirmation")
    public Response report(@PathParam("id") String id, ReportBody body) {
        if (body == null || body.winner() == null) throw ProblemException.invalid("winner", "is required: 0 or 1");
        int winner = body.winner();
        if (winner != 0 && winner != 1) throw ProblemException.invalid("winner", "must be 0 or 1 (the index of the winning side)");
        return ok(wars.change(id, null, (w, a, now) -> w.report(a.id(), winner, now)));
    }

    @POST
    @Path("/wars/{id}/rounds/{n}/confirm")
    @Idempotent
    @Operation(operationId = "confirmRound", summary = "Confirm the other side's report of a round (a player of the side that lost it)")
    public Response confirm(@PathParam("id") String id, @PathParam("n") String n) {
        int number = roundNumber(n);
        return ok(wars.change(id, null, (w, a, now) -> w.confirm(a.id(), number, now)));
    }

    @POST
    @Path("/wars/{id}/rounds/{n}/dispute")
    @Idempotent
    @Operation(operationId = "disputeRound", summary = "Dispute the other side's report of a round; a moderator then resolves it")
    public Response dispute(@PathParam("id") String id, @PathParam("n") String n) {
        int number = roundNumber(n);
        return ok(wars.change(id, "war.disputed", (w, a, now) -> w.dispute(a.id(), number, now)));
    }

    @POST
    @Path("/wars/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "resolveWar",
            summary = "Moderator (MANAGE_SERVER): settle a round's winner, strike a round out, or void the whole war")
    public Response resolve(@PathParam("id") String id, ResolveBody body) {
        if (body == null) throw ProblemException.badRequest("body-required",
                "Send {\"winner\":0|1} (optionally with \"round\") or {\"void\":true}");
        boolean voided = Boolean.TRUE.equals(body.voided());
        if (body.reason() != null && body.reason().length() > 500) {
            throw ProblemException.invalid("reason", "must be at most 500 characters");
        }
        if (body.round() != null && body.round() < 1) throw ProblemException.invalid("round", "must be 1 or more");
        if (voided && body.winner() != null) throw ProblemException.invalid("winner", "send either a winner or void, not both");
        if (!voided && body.winner() == null) throw ProblemException.invalid("winner", "is required unless void is true");
        if (body.winner() != null && body.winner() != 0 && body.winner() != 1) {
            throw ProblemException.invalid("winner", "must be 0 or 1 (the index of the winning side)");
        }
        java.util.Map<String, Object> audit = new java.util.LinkedHashMap<>();
        if (body.round() != null) audit.put("round", body.round());
        if (body.winner() != null) audit.put("winner", body.winner());
        if (body.reason() != null) audit.put("reason", body.reason());
        if (voided && body.round() == null) {
            return ok(wars.change(id, null, audit, (w, a, now) -> w.voidWar(WarService.isManager(a), now)));
        }
        return ok(wars.change(id, "war.round-resolved", audit, (w, a, now) ->
                w.resolveRound(a.id(), WarService.isManager(a), body.round(), body.winner(), voided, now)));
    }

    private static Response ok(War war) {
        return Response.ok(WarView.of(war, Instant.now())).build();
    }

    private static int roundNumber(String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("This war has no round " + n);
        }
    }
}
