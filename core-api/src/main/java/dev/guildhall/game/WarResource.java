package dev.guildhall.game;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.Problem;
import dev.guildhall.platform.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** One war: its status, the challenge flow and results. Thin: access checks here, rules in {@link War}, transactions in {@link WarService}. */
// the error answers every operation here can give; each operation adds its own
@APIResponses({
        @APIResponse(responseCode = "400", description = "Invalid input, or no X-Actor-Id where a chat user must act", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "403", description = "The key may not touch this server, or the actor may not do this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "404", description = "No such war, round or server", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
})
@Path("/v1/wars")
@Tag(name = "Wars", description = "Challenges, first-to-N rounds, disputes and expiry")
@Produces(MediaType.APPLICATION_JSON)
public class WarResource {

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

    public WarResource(WarService wars) {
        this.wars = wars;
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The war; an open war past its deadline reads EXPIRED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class)))
    @Operation(operationId = "getWar", summary = "Read a war: sides, rounds, status, winner and rating changes")
    public WarView get(@PathParam("id") String id) {
        return WarView.of(wars.get(id), Instant.now());
    }

    @POST
    @Path("/{id}/accept")
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war, ACTIVE once every player has accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "acceptWar", summary = "Accept a challenge; the war starts when every listed player has")
    public Response accept(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.accept(a.id(), now)));
    }

    @POST
    @Path("/{id}/decline")
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war, now DECLINED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "declineWar", summary = "Decline a pending challenge (the war becomes DECLINED)")
    public Response decline(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.decline(a.id(), now)));
    }

    @POST
    @Path("/{id}/cancel")
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war, now CANCELLED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "cancelWar",
            summary = "Cancel a war: its creator until the first round is reported, a MANAGE_SERVER moderator any time")
    public Response cancel(@PathParam("id") String id) {
        return ok(wars.change(id, null, (w, a, now) -> w.cancel(a.id(), WarService.isManager(a), now)));
    }

    @POST
    @Path("/{id}/rounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war with the new round (CONFIRMED or PENDING), FINISHED with rating changes if it decided the war", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "reportRound",
            summary = "Report a round's winner; counts at once if the losing side reports, else waits for their confirmation")
    public Response report(@PathParam("id") String id, ReportBody body) {
        if (body == null || body.winner() == null) throw ProblemException.invalid("winner", "is required: 0 or 1");
        int winner = body.winner();
        if (winner != 0 && winner != 1) throw ProblemException.invalid("winner", "must be 0 or 1 (the index of the winning side)");
        return ok(wars.change(id, null, (w, a, now) -> w.report(a.id(), winner, now)));
    }

    @POST
    @Path("/{id}/rounds/{n}/confirm")
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war with the round CONFIRMED, FINISHED with rating changes if it decided the war", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "confirmRound", summary = "Confirm the other side's report of a round (a player of the side that lost it)")
    public Response confirm(@PathParam("id") String id, @PathParam("n") String n) {
        int number = roundNumber(n);
        return ok(wars.change(id, null, (w, a, now) -> w.confirm(a.id(), number, now)));
    }

    @POST
    @Path("/{id}/rounds/{n}/dispute")
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war, now DISPUTED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
    @Operation(operationId = "disputeRound", summary = "Dispute the other side's report of a round; a moderator then resolves it")
    public Response dispute(@PathParam("id") String id, @PathParam("n") String n) {
        int number = roundNumber(n);
        return ok(wars.change(id, "war.disputed", (w, a, now) -> w.dispute(a.id(), number, now)));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The war after the decision: ACTIVE again, FINISHED, or VOIDED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "409", description = "The war's state forbids this: not pending, already accepted, round already settled, finished or past its deadline", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
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
            return ok(wars.change(id, null, audit, (w, a, now) -> w.voidWar(a.id(), WarService.isManager(a), now)));
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
