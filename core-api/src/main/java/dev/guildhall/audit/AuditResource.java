package dev.guildhall.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.game.WarStats;
import dev.guildhall.moderation.CaseStats;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

@Path("/v1/servers/{server}")
@Tag(name = "Audit log", description = "What happened on a server, and its counts")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Schema(name = "AuditEntry")
    public record AuditView(@Schema(example = "1042") long id,
                            @Schema(example = "case.ban") String action,
                            @Schema(nullable = true, example = "discord:80351110224678912", description = "null when the system acted") String actor,
                            @Schema(nullable = true, example = "discord:80351110224678913") String target,
                            @Schema(nullable = true, additionalProperties = Schema.True.class,
                                    description = "Action-specific facts") Map<String, Object> details,
                            @Schema(nullable = true) String requestId, Instant createdAt) {}

    /** The shape of the stats answer, named for the contract: one member per {@link StatsSection}. */
    @Schema(name = "ServerStats")
    record StatsView(ActivityStats.Counts activity, CaseStats.Counts cases, WarStats.Counts wars) {}

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final AuditService audit;
    private final ServerService servers;
    private final Caller caller;
    private final ObjectMapper json;

    public AuditResource(AuditService audit, ServerService servers, Caller caller, ObjectMapper json) {
        this.audit = audit;
        this.servers = servers;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/audit-log")
    @Operation(operationId = "listAuditLog",
            summary = "Every moderation action and configuration change of a server, newest first")
    public Page<AuditView> list(@PathParam("server") String server, @QueryParam("action") String action,
                                @QueryParam("actor") String actor, @QueryParam("target") String target,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireRead(server, Scope.AUDIT_READ);
        servers.require(server);
        if (actor != null && !ChatId.isValid(actor)) throw ProblemException.invalid("actor", "must be a user id such as discord:123");
        Page<AuditEntry> page = audit.list(server, blankToNull(action), actor, blankToNull(target), PageRequest.parse(limit, cursor));
        return new Page<>(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/stats")
    @APIResponse(responseCode = "200", description = "The counts of each feature",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsView.class)))
    @Operation(operationId = "getServerStats",
            summary = "Counts for a server: cases by type, automod and command activity, pending platform actions")
    public Map<String, Object> stats(@PathParam("server") String server) {
        caller.requireRead(server, Scope.AUDIT_READ);
        servers.require(server);
        return audit.stats(server);
    }

    private AuditView view(AuditEntry e) {
        Map<String, Object> details;
        try {
            details = e.details == null ? null : json.readValue(e.details, DETAILS);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored audit details are not JSON", ex);
        }
        return new AuditView(e.id, e.action, e.actor, e.target, details, e.requestId, e.createdAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
