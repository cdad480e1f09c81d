package dev.guildhall.actions;

import dev.guildhall.auth.Caller;
import dev.guildhall.auth.KeyKind;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.ProblemException;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

@Path("/v1/platforms/{platform}/actions")
@Tag(name = "Platform actions", description = "Deferred actions for adapters to carry out (lease, then ack)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionResource {

    @Schema(name = "ActionClaim")
    public record ClaimBody(
            @Schema(example = "10", description = "How many actions to lease, 1–100 (default 10)") Integer limit,
            @Schema(example = "60", description = "Lease in seconds, 1–3600 (default 60); unacked actions come back after it") Integer leaseSeconds) {}

    @Schema(name = "ClaimedAction")
    public record ClaimedView(@Schema(example = "42") String id, String server,
                              @Schema(nullable = true, description = "The case the action carries out, if any") Integer caseNumber, PlatformAction action,
                              int attempts, Instant leaseUntil, Instant createdAt) {
        static ClaimedView of(ActionQueue.Claimed c) {
            return new ClaimedView(Long.toString(c.id()), c.server(), c.caseNumber(), c.action(), c.attempts(),
                    c.leaseUntil(), c.createdAt());
        }
    }

    @Schema(name = "ClaimedActions")
    public record ClaimedList(List<ClaimedView> items) {}

    private final ActionQueue queue;
    private final Caller caller;

    public ActionResource(ActionQueue queue, Caller caller) {
        this.queue = queue;
        this.caller = caller;
    }

    @POST
    @Path("/claim")
    @Idempotent
    @APIResponse(responseCode = "200", description = "The leased actions, oldest first; empty when none is due",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimedList.class)))
    @Operation(operationId = "claimActions",
            summary = "Lease deferred platform actions (temp-ban expiries …); ack each one when done")
    public Response claim(@PathParam("platform") String platform, ClaimBody body) {
        Set<String> servers = platformKey(platform);
        int limit = body == null || body.limit() == null ? 10 : body.limit();
        int lease = body == null || body.leaseSeconds() == null ? 60 : body.leaseSeconds();
        if (limit < 1 || limit > 100) throw ProblemException.invalid("limit", "must be from 1 to 100");
        if (lease < 1 || lease > 3600) throw ProblemException.invalid("leaseSeconds", "must be from 1 to 3600");
        List<ClaimedView> items = queue.claim(platform, servers, limit, Duration.ofSeconds(lease), caller.keyId())
                .stream().map(ClaimedView::of).toList();
        return Response.ok(new ClaimedList(items)).build();
    }

    @POST
    @Path("/{id}/ack")
    @Idempotent
    @APIResponse(responseCode = "204", description = "Done; the action is removed")
    @Operation(operationId = "ackAction", summary = "Confirm a claimed action was carried out; it is removed")
    public Response ack(@PathParam("platform") String platform, @PathParam("id") String id) {
        Set<String> servers = platformKey(platform);
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No pending action " + id);
        }
        queue.ack(platform, n, servers, caller.keyId());
        return Response.noContent().build();
    }

    /** Only adapters drain the queue; a key limited to some servers sees only their actions. */
    private Set<String> platformKey(String platform) {
        Caller.Key key = caller.key();
        if (key.kind() != KeyKind.PLATFORM) {
            throw ProblemException.forbidden("Only platform keys claim platform actions");
        }
        if (!"discord".equals(platform) && !"slack".equals(platform)) {
            throw ProblemException.notFound("No platform '" + platform + "'; known: discord, slack");
        }
        if (!key.reaches(platform)) {
            throw ProblemException.forbidden("This key is bound to " + key.platform() + " and may not take " + platform + " actions");
        }
        return key.servers();
    }
}
