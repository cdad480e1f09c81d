package dev.guildhall.welcome;

import dev.guildhall.actions.PlatformAction;
import dev.guildhall.auth.Caller;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerInfo;
import dev.guildhall.server.ServerService;
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

import java.time.Instant;
import java.util.List;

@Path("/v1/servers/{server}/members/joined")
@Tag(name = "Members", description = "Welcome messages, auto-role and raid detection")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JoinResource {

    @Schema(name = "MemberJoined")
    public record JoinedBody(@Schema(example = "discord:80351110224678912") String user,
                             @Schema(example = "Nelly") String name,
                             @Schema(example = "2026-11-20T10:00:00Z") Instant accountCreatedAt) {}

    @Schema(name = "JoinOutcome")
    public record OutcomeView(List<PlatformAction> actions,
                              @Schema(description = "A raid is in progress: welcome and auto-role are held back") boolean raid) {}

    private final JoinService joins;
    private final ServerService servers;
    private final Caller caller;

    public JoinResource(JoinService joins, ServerService servers, Caller caller) {
        this.joins = joins;
        this.servers = servers;
        this.caller = caller;
    }

    @POST
    @Idempotent
    @APIResponse(responseCode = "200", description = "What the adapter carries out: welcome, role, or a lockdown",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutcomeView.class)))
    @Operation(operationId = "memberJoined", summary = "A member joined: welcome message, auto-role and raid detection")
    public Response joined(@PathParam("server") String server, JoinedBody body) {
        caller.requireWrite(server);
        ServerInfo info = servers.require(server);
        if (body == null) throw ProblemException.badRequest("body-required", "Send a JSON body with the user who joined");
        if (body.user() == null || !ChatId.isValid(body.user()) || !ChatId.platformOf(body.user()).equals(info.platform())) {
            throw ProblemException.invalid("user", "must be a " + info.platform() + " user such as " + info.platform() + ":123");
        }
        if (body.name() != null && body.name().length() > 100) throw ProblemException.invalid("name", "must be at most 100 characters");
        JoinService.Outcome o = joins.joined(info, body.user(), body.name(), body.accountCreatedAt());
        return Response.ok(new OutcomeView(o.actions(), o.raid())).build();
    }
}
