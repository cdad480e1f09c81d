package dev.guildhall.game;

import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.Problem;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A server's wars: challenge and list. Its own root path, because JAX-RS matches the longest class
 * path first and does not fall back, so {@code /v1/servers/{server}} would otherwise swallow these.
 */
// the error answers every operation here can give; each operation adds its own
@APIResponses({
        @APIResponse(responseCode = "400", description = "Invalid input, or no X-Actor-Id where a chat user must act", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "403", description = "The key may not touch this server, or the actor may not do this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "404", description = "No such war, round or server", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
})
@Path("/v1/servers/{server}/wars")
@Tag(name = "Wars", description = "Challenges, first-to-N rounds, disputes and expiry")
@Produces(MediaType.APPLICATION_JSON)
public class ServerWarsResource {

    @Schema(name = "NewWar")
    public record CreateWarBody(
            @Schema(example = "chess", description = "1 to 64 characters") String game,
            @Schema(example = "ft3", description = "ftN: first side to N round wins, N from 1 to 10") String format,
            @Schema(example = "12h", description = "1m to 7d; default 24h") String duration,
            @Schema(example = "[[\"discord:80351110224678912\"],[\"discord:81384788765712384\"]]",
                    description = "Two sides of 1 to 5 players each") List<List<String>> sides) {}

    /** The shape of {@code Page<WarView>}, named for the contract. */
    @Schema(name = "WarPage")
    record WarPage(List<WarView> items, @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last") String nextCursor) {}

    private final WarService wars;
    private final ServerService servers;
    private final Caller caller;

    public ServerWarsResource(WarService wars, ServerService servers, Caller caller) {
        this.wars = wars;
        this.servers = servers;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses({
            @APIResponse(responseCode = "201", description = "The new war; Location points at it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarView.class))),
            @APIResponse(responseCode = "422", description = "A rule refuses: a player on both sides or listed twice, or wars are switched off on this server", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(responseCode = "429", description = "The creator's war-creation cooldown has not ended; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    })
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
    @APIResponse(responseCode = "200", description = "One page of wars, newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarPage.class)))
    @Operation(operationId = "listWars", summary = "List a server's wars, newest first, by status, game or player")
    public Page<WarView> list(@PathParam("server") String server,
                              @Parameter(description = "Only wars in this status (PENDING, ACTIVE, DISPUTED, FINISHED, DECLINED, CANCELLED, EXPIRED, VOIDED)", example = "ACTIVE")
                              @QueryParam("status") String status,
                              @Parameter(description = "Only wars of this game", example = "chess") @QueryParam("game") String game,
                              @Parameter(description = "Only wars this user plays in", example = "discord:80351110224678912")
                              @QueryParam("player") String player,
                              @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20") @QueryParam("limit") String limit,
                              @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
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
}
