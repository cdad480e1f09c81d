package dev.guildhall.slack.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Wars: create, accept/decline/cancel, report, confirm/dispute, status, list, leaderboard, profile. */
public final class WarCommands implements CommandFamily {

    private final CoreApi core;
    private final SlackFormat format;

    public WarCommands(CoreApi core, SlackFormat format) {
        this.core = core;
        this.format = format;
    }

    @Override
    public Set<Class<? extends GmCommand>> commands() {
        return Set.of(GmCommand.CreateWar.class, GmCommand.WarAction.class, GmCommand.Report.class,
                GmCommand.RoundAction.class, GmCommand.Status.class, GmCommand.ListWars.class,
                GmCommand.Leaderboard.class, GmCommand.Profile.class);
    }

    @Override
    public Reply handle(GmCommand command, CommandContext ctx) {
        if (command instanceof GmCommand.CreateWar c) {
            return format.warCard(core.createWar(ctx.server(), createBody(c), ctx.call()));
        }
        if (command instanceof GmCommand.WarAction a) {
            return format.warCard(core.warTransition(a.war(), a.verb().name().toLowerCase(Locale.ROOT), ctx.call()));
        }
        if (command instanceof GmCommand.Report r) {
            return report(r, ctx);
        }
        if (command instanceof GmCommand.RoundAction a) {
            return format.warCard(core.roundTransition(a.war(), a.round(), a.verb().name().toLowerCase(Locale.ROOT),
                    ctx.call()));
        }
        if (command instanceof GmCommand.Status s) {
            return ephemeral(format.warCard(core.war(s.war(), ctx.read())));
        }
        if (command instanceof GmCommand.ListWars l) {
            return format.warList(core.listWars(ctx.server(), filters("status", l.status()), ctx.read()));
        }
        if (command instanceof GmCommand.Leaderboard l) {
            return format.leaderboard(l.game(), core.leaderboard(ctx.server(), l.game(), ctx.read()));
        }
        if (command instanceof GmCommand.Profile p) {
            return format.profile(core.profile(ctx.server(), "slack:" + (p.user() == null ? ctx.userId() : p.user()),
                    ctx.read()));
        }
        throw new IllegalArgumentException("not a war command: " + command);
    }

    static ObjectNode createBody(GmCommand.CreateWar c) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("game", c.game());
        if (c.format() != null) body.put("format", c.format());
        if (c.duration() != null) body.put("duration", c.duration());
        ArrayNode sides = body.putArray("sides");
        for (List<String> side : List.of(c.sideA(), c.sideB())) {
            ArrayNode s = sides.addArray();
            side.forEach(u -> s.add("slack:" + u));
        }
        return body;
    }

    /**
     * core-api counts the winner as a side index. A button already carries it; for {@code @winner}
     * or {@code win}/{@code loss} the war is read to find that player's side.
     */
    private Reply report(GmCommand.Report r, CommandContext ctx) {
        Integer side = r.side();
        if (side == null) {
            JsonNode war = core.war(r.war(), ctx.read());
            String user = "slack:" + (r.winner() != null ? r.winner() : ctx.userId());
            int found = sideOf(war, user);
            if (found < 0) {
                return format.note(r.winner() != null
                        ? SlackFormat.mention(user) + " is not playing in war `" + SlackFormat.escape(r.war()) + "`."
                        : "You are not playing in war `" + SlackFormat.escape(r.war()) + "`; mention the winner instead.");
            }
            side = r.winner() != null || r.actorWon() ? found : 1 - found;
        }
        return format.warCard(core.reportRound(r.war(), side, ctx.call()));
    }

    static int sideOf(JsonNode war, String user) {
        JsonNode sides = war.path("sides");
        for (int i = 0; i < sides.size(); i++) {
            for (JsonNode p : sides.path(i).path("players")) {
                if (user.equals(p.path("user").asText())) return i;
            }
        }
        return -1;
    }

    private static Reply ephemeral(Reply reply) {
        return new Reply(true, reply.text(), reply.blocks(), reply.replaceOriginal());
    }

    private static Map<String, String> filters(String name, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null) map.put(name, value);
        return map;
    }
}
