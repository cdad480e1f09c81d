package dev.guildhall.game;

import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.Problem;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** A game's ladder on a server. Its own root path: see {@link ServerWarsResource} for why. */
// the error answers every operation here can give; each operation adds its own
@APIResponses({
        @APIResponse(responseCode = "400", description = "Missing game, bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "403", description = "The key may not read this server's wars", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
        @APIResponse(responseCode = "404", description = "The server is not registered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
})
@Path("/v1/servers/{server}/leaderboard")
@Tag(name = "Leaderboards", description = "Elo ratings per server and game, player profiles")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    /** The shape of {@code Page<Ratings.Entry>}, named for the contract. */
    @Schema(name = "LeaderboardPage")
    record LeaderboardPage(List<Ratings.Entry> items, @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last") String nextCursor) {}

    private final Ratings ratings;
    private final ServerService servers;
    private final Caller caller;

    public LeaderboardResource(Ratings ratings, ServerService servers, Caller caller) {
        this.ratings = ratings;
        this.servers = servers;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "One page of the ladder, best first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaderboardPage.class)))
    @Operation(operationId = "getLeaderboard", summary = "A game's ratings table, best first (equal ratings share a rank)")
    public Page<Ratings.Entry> leaderboard(@PathParam("server") String server,
                                           @Parameter(description = "The game whose ladder to show (required)", example = "chess")
                                           @QueryParam("game") String game,
                                           @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20") @QueryParam("limit") String limit,
                                           @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        ChatId.parse("server", server);
        caller.requireRead(server, Scope.WARS_READ);
        String g = game == null ? null : game.strip();
        if (g == null || g.isEmpty()) throw ProblemException.invalid("game", "is required, e.g. ?game=chess");
        if (g.length() > War.MAX_GAME) throw ProblemException.invalid("game", "must be 1 to " + War.MAX_GAME + " characters");
        PageRequest page = PageRequest.parse(limit, cursor);
        servers.require(server);
        return ratings.leaderboard(server, g, page);
    }
}
