package dev.guildhall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

@Path("/v1/servers/{server}")
@Tag(name = "Audit log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Schema(name = "AuditEntry")
    public record AuditView(@Schema(example = "1042") long id,
                            @Schema(example = "case.ban") String action,
                            @Schema(example = "discord:80351110224678912") String actor,
                            @Schema(example = "discord:80351110224678913") String target,
                            @Schema(description = "Action-specific facts") JsonNode details,
                            String requestId, Instant createdAt) {}

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
    @Operation(operationId = "getServerStats",
            summary = "Counts for a server: cases by type, automod and command activity, pending platform actions")
    public Map<String, Object> stats(@PathParam("server") String server) {
        caller.requireRead(server, Scope.AUDIT_READ);
        servers.require(server);
        return audit.stats(server);
    }

    private AuditView view(AuditEntry e) {
        JsonNode details;
        try {
            details = e.details == null ? null : json.readTree(e.details);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored audit details are not JSON", ex);
        }
        return new AuditView(e.id, e.action, e.actor, e.target, details, e.requestId, e.createdAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
