package dev.guildhall.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Permission;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/v1/servers/{server}")
@Tag(name = "Servers", description = "Register a chat server and read or change its config")
@Produces(MediaType.APPLICATION_JSON)
public class ServerResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    @Schema(name = "ServerRegistration")
    public record RegisterBody(@Schema(example = "My Server") String name,
                               @Schema(example = "discord:80351110224678912") String owner) {}

    @Schema(name = "Server")
    public record ServerView(String id, String platform, String name,
                             @Schema(nullable = true, description = "The owner, once known") String owner,
                             Instant createdAt, Instant updatedAt) {
        static ServerView of(ServerInfo s) {
            return new ServerView(s.id(), s.platform(), s.name(), s.owner(), s.createdAt(), s.updatedAt());
        }
    }

    private final ServerService servers;
    private final Caller caller;

    public ServerResource(ServerService servers, Caller caller) {
        this.servers = servers;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The server, updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServerView.class)))
    @APIResponse(responseCode = "201", description = "The server, registered now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServerView.class)))
    @Operation(operationId = "registerServer", summary = "Register a server, or update its name and owner")
    public Response register(@PathParam("server") String server, RegisterBody body) {
        caller.requireWrite(server);
        caller.actor().ifPresent(a -> caller.requirePermission(Permission.MANAGE_SERVER));
        if (body == null) throw ProblemException.badRequest("body-required", "Send a JSON body with the server's name");
        ServerService.Registration r = servers.register(server, body.name(), body.owner(), caller.actor().orElse(null));
        return Response.status(r.created() ? 201 : 200).entity(ServerView.of(r.server())).build();
    }

    @GET
    @Operation(operationId = "getServer", summary = "Read a registered server")
    public Uni<ServerView> get(@PathParam("server") String server) {
        caller.requireRead(server, Scope.SERVERS_READ);
        return servers.requireAsync(server).map(ServerView::of);
    }

    @GET
    @Path("/config")
    @Operation(operationId = "getServerConfig", summary = "Read a server's config, defaults filled in")
    public Uni<ServerConfig> config(@PathParam("server") String server) {
        caller.requireRead(server, Scope.SERVERS_READ);
        return servers.requireAsync(server).map(ServerInfo::config);
    }

    @PATCH
    @Path("/config")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchServerConfig",
            summary = "Change a server's config with a JSON merge patch (null resets a field to its default)")
    public ServerConfig patchConfig(@PathParam("server") String server,
                                    @RequestBody(required = true, description = "Only the fields to change; null resets one to its default",
                                            content = {@Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ServerConfig.class)),
                                                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServerConfig.class))})
                                    JsonNode patch) {
        caller.requireWrite(server);
        Actor actor = caller.actor().map(a -> caller.requirePermission(Permission.MANAGE_SERVER)).orElse(null);
        servers.require(server);
        return servers.patchConfig(server, patch, actor == null ? null : actor.id());
    }
}
