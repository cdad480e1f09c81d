package dev.guildhall.game;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** A game's ladder on a server. Its own root path: see {@link ServerWarsResource} for why. */
@Path("/v1/servers/{server}/leaderboard")
@Tag(name = "Leaderboards", description = "Elo ratings per server and game, player profiles")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    private final Ratings ratings;
    private final ServerService servers;
    private final Caller caller;

    public LeaderboardResource(Ratings ratings, ServerService servers, Caller caller) {
        this.ratings = ratings;
        this.servers = servers;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getLeaderboard", summary = "A game's ratings table, best first (equal ratings share a rank)")
    public Page<Ratings.Entry> leaderboard(@PathParam("server") String server,
                                           @QueryParam("game") String game,
                                           @QueryParam("limit") String limit,
                                           @QueryParam("cursor") String cursor) {
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
