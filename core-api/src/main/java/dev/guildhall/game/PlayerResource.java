package dev.guildhall.game;

import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Problem;
import dev.guildhall.server.ServerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** A player's ratings and recent wars on a server. Its own root path: see {@link ServerWarsResource} for why. */
// the error answers every operation here can give; each operation adds its own
@APIResponses({
        @APIResponse(responseCode = "400", description = "Not a user id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "403", description = "The key may not read this server's wars", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "404", description = "The server is not registered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
})
@Path("/v1/servers/{server}/players/{user}")
@Tag(name = "Leaderboards", description = "Elo ratings per server and game, player profiles")
@Produces(MediaType.APPLICATION_JSON)
public class PlayerResource {

    static final int RECENT_WARS = 10;

    @Schema(name = "PlayerProfile")
    public record Profile(@Schema(example = "discord:80351110224678912") String user,
                          List<Ratings.GameRating> ratings,
                          @Schema(description = "The player's latest wars on this server, newest first") List<WarView> recentWars) {}

    private final Ratings ratings;
    private final WarService wars;
    private final ServerService servers;
    private final Caller caller;

    public PlayerResource(Ratings ratings, WarService wars, ServerService servers, Caller caller) {
        this.ratings = ratings;
        this.wars = wars;
        this.servers = servers;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Ratings per game (empty if the player never finished a war) and recent wars", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Profile.class)))
    @Operation(operationId = "getPlayerProfile", summary = "A player's ratings, wins, losses and streak per game, and recent wars")
    public Profile player(@PathParam("server") String server, @PathParam("user") String user) {
        ChatId.parse("server", server);
        caller.requireRead(server, Scope.WARS_READ);
        ChatId.parse("user", user);
        servers.require(server);
        Instant now = Instant.now();
        return new Profile(user, ratings.of(server, user),
                wars.recent(server, user, RECENT_WARS).stream().map(w -> WarView.of(w, now)).toList());
    }
}
