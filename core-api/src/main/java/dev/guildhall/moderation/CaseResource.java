package dev.guildhall.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guildhall.actions.PlatformAction;
import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.Problem;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerInfo;
import dev.guildhall.server.ServerResource;
import dev.guildhall.server.ServerService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/servers/{server}/cases")
@Tag(name = "Moderation", description = "Cases: warn, time out, kick, ban, unban, note, with escalation")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    @Schema(name = "CaseTarget")
    public record TargetBody(
            @Schema(example = "discord:80351110224678912") String user,
            @Schema(example = "false", description = "The target owns the server") Boolean owner,
            @Schema(example = "1", description = "Position of the target's highest role") Integer topRole,
            @Schema(example = "false", description = "The target is the bot itself") Boolean bot) {}

    @Schema(name = "NewCase")
    public record CaseBody(
            @Schema(example = "ban", enumeration = {"warn", "timeout", "untimeout", "kick", "ban", "unban", "note"}) String type,
            TargetBody target,
            @Schema(example = "spam") String reason,
            @Schema(example = "7d", description = "timeout: required, at most 28d; ban: optional, makes it temporary") String duration,
            @Schema(example = "1", description = "ban only: days of messages to delete, 0–7") Integer deleteMessageDays,
            @Schema(example = "false", description = "true when the adapter reports an action done by hand on the platform") Boolean observed,
            @Schema(example = "1183749823749823", description = "observed only: the platform's audit-entry id") String platformRef,
            @Schema(example = "discord:80351110224678912", description = "observed only: who did it on the platform") String moderator,
            @Schema(example = "41771983423143937", description = "with messageId: the channel of a message to delete") String channel,
            @Schema(example = "1183749823749823001", description = "with channel: the offending message, deleted as the first action") String messageId) {}

    @Schema(name = "CaseResult")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CaseResult(@JsonProperty("case") CaseView theCase,
                             @Schema(nullable = true, description = "The automatic case the escalation policy added, if any") CaseView escalation,
                             @Schema(description = "What the adapter must do on the platform, in order") List<PlatformAction> actions,
                             @Schema(description = "false when an observed action was already on file (no new case)") boolean recorded) {}

    @Schema(name = "CaseReasonPatch")
    public record ReasonBody(@Schema(example = "spam links in #general") String reason,
                             @Schema(example = "1", description = "The version you saw; 409 if the case changed since") Integer version) {}

    private final CaseService cases;
    private final ServerService servers;
    private final Caller caller;

    public CaseResource(CaseService cases, ServerService servers, Caller caller) {
        this.cases = cases;
        this.servers = servers;
        this.caller = caller;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The new case and the platform actions to carry out; Location points at it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseResult.class)))
    @APIResponse(responseCode = "200", description = "An observed action already on file: no new case (recorded false)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseResult.class)))
    @Operation(operationId = "createCase",
            summary = "Warn, time out, kick, ban, unban or note a member, or record an action observed on the platform")
    public Response create(@PathParam("server") String server, CaseBody body) {
        caller.requireWrite(server);
        ServerInfo info = servers.require(server);
        if (body == null) throw ProblemException.badRequest("body-required", "Send a JSON body with type and target");
        boolean observed = Boolean.TRUE.equals(body.observed());
        Actor actor = observed ? caller.actor().orElse(null) : caller.requireActor();
        TargetBody t = body.target() == null ? new TargetBody(null, null, null, null) : body.target();
        NewCase c = NewCase.parse(new NewCase.Input(body.type(), t.user(), t.owner(), t.topRole(), t.bot(), body.reason(),
                body.duration(), body.deleteMessageDays(), body.observed(), body.platformRef(), body.moderator(),
                body.channel(), body.messageId()),
                info.platform(), actor);
        CaseService.Created r = cases.create(info, c, actor);
        CaseResult result = new CaseResult(CaseView.of(r.theCase()), r.escalation() == null ? null : CaseView.of(r.escalation()),
                r.actions(), r.recorded());
        if (!r.recorded()) return Response.ok(result).build();
        return Response.created(URI.create("/v1/servers/" + server + "/cases/" + r.theCase().number)).entity(result).build();
    }

    @GET
    @Operation(operationId = "listCases", summary = "A server's cases, newest first, optionally by target, type or moderator")
    public Page<CaseView> list(@PathParam("server") String server, @QueryParam("target") String target,
                               @QueryParam("type") String type, @QueryParam("moderator") String moderator,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireRead(server, Scope.CASES_READ);
        servers.require(server);
        if (target != null && !ChatId.isValid(target)) throw ProblemException.invalid("target", "must be a user id such as discord:123");
        if (moderator != null && !ChatId.isValid(moderator)) throw ProblemException.invalid("moderator", "must be a user id such as discord:123");
        CaseType caseType = type == null ? null : CaseType.of(type)
                .orElseThrow(() -> ProblemException.invalid("type", "must be one of " + CaseType.choices()));
        Page<ModCase> page = cases.list(server, target, caseType, moderator, PageRequest.parse(limit, cursor));
        return new Page<>(page.items().stream().map(CaseView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getCase", summary = "One case with the history of its reason")
    public CaseView get(@PathParam("server") String server, @PathParam("number") String number) {
        caller.requireRead(server, Scope.CASES_READ);
        servers.require(server);
        int n = number(server, number);
        ModCase c = cases.find(server, n).orElseThrow(() -> ProblemException.notFound("Server " + server + " has no case " + n));
        return CaseView.of(c, cases.edits(server, n));
    }

    @PATCH
    @Path("/{number}")
    @Consumes({ServerResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The case with its new reason and the history of its reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "409", description = "The case changed since the version sent (case-changed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "editCaseReason", summary = "Change a case's reason; the old one is kept with who changed it and when")
    public CaseView patch(@PathParam("server") String server, @PathParam("number") String number, ReasonBody body) {
        caller.requireWrite(server);
        Actor actor = caller.requireActor();
        ServerInfo info = servers.require(server);
        int n = number(server, number);
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw ProblemException.invalid("reason", "is required");
        }
        String reason = body.reason().strip();
        if (reason.length() > NewCase.MAX_REASON) {
            throw ProblemException.invalid("reason", "must be at most " + NewCase.MAX_REASON + " characters");
        }
        cases.editReason(info, n, reason, body.version(), actor);
        return CaseView.of(cases.find(server, n).orElseThrow(), cases.edits(server, n));
    }

    private static int number(String server, String number) {
        try {
            int n = Integer.parseInt(number);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // falls through to the 404: a case number is a positive whole number
        }
        throw ProblemException.notFound("Server " + server + " has no case " + number);
    }
}
