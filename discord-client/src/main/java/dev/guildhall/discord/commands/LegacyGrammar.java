package dev.guildhall.discord.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text commands Gmbot users know, e.g.
 * {@code gmbot createwar -players @P1 @P2 -game 4 -type ft3 -duration 12}
 * (duration in hours when it has no unit). Turns one message into the same {@link Reply} the slash
 * commands produce. Needs the message-content intent; without it only slash commands work.
 */
public final class LegacyGrammar {

    public static final String PREFIX = "gmbot";
    private static final Pattern MENTION = Pattern.compile("<@!?(\\d{1,20})>");
    private static final Pattern PLAIN_HOURS = Pattern.compile("\\d{1,3}");
    static final String USAGE = """
            Usage:
            `gmbot createwar -players @P1 @P2 [-game NAME] [-type ftN] [-duration HOURS|12h|30m|7d]`
            (more players per side: `-players @A @B vs @C @D`)
            `gmbot accept|decline|cancel|status WAR_ID`
            `gmbot report WAR_ID -winner @P`
            `gmbot leaderboard -game NAME` · `gmbot profile [@P]`""";

    /** Whether a message is addressed to the legacy grammar at all. */
    public static boolean matches(String content) {
        String c = content.stripLeading();
        return c.length() >= PREFIX.length() && c.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && (c.length() == PREFIX.length() || Character.isWhitespace(c.charAt(PREFIX.length())));
    }

    /** Parses one {@code gmbot …} message from {@code authorId} in {@code guildId}. */
    public static Reply parse(String content, long guildId, long authorId) {
        List<String> tokens = List.of(content.trim().split("\\s+"));
        if (tokens.size() < 2) return Reply.text(USAGE);
        String verb = tokens.get(1).toLowerCase(Locale.ROOT);
        Args args = Args.parse(tokens.subList(2, tokens.size()));
        String server = Ids.server(guildId);
        return switch (verb) {
            case "createwar", "war" -> createWar(args, server, authorId);
            case "accept" -> warAction(args, Operation.ACCEPT_WAR);
            case "decline" -> warAction(args, Operation.DECLINE_WAR);
            case "cancel" -> warAction(args, Operation.CANCEL_WAR);
            case "status" -> args.positional.isEmpty() ? Reply.text(USAGE)
                    : Reply.call(ApiRequest.of(Operation.GET_WAR, Map.of("id", args.positional.get(0))), View.WAR);
            case "report" -> report(args);
            case "leaderboard", "lb" -> args.first("game").isEmpty() ? Reply.text("Which game? `-game NAME`.")
                    : Reply.call(ApiRequest.of(Operation.LEADERBOARD, Map.of("server", server))
                    .withQuery("game", args.first("game").get()), View.LEADERBOARD);
            case "profile" -> Reply.call(ApiRequest.of(Operation.PLAYER_PROFILE, Map.of("server", server,
                    "user", Ids.user(mentions(args.positional).stream().findFirst().orElse(authorId)))),
                    View.PROFILE);
            default -> Reply.text(USAGE);
        };
    }

    private static Reply createWar(Args args, String server, long authorId) {
        List<String> players = args.values.getOrDefault("players", List.of());
        if (players.isEmpty()) return Reply.text("Name the players: `-players @P1 @P2`.\n" + USAGE);
        List<List<String>> sides = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean explicitSides = false;
        for (String p : players) {
            if (p.equalsIgnoreCase("vs")) {
                explicitSides = true;
                sides.add(current);
                current = new ArrayList<>();
                continue;
            }
            Matcher m = MENTION.matcher(p);
            if (!m.matches()) return Reply.text("`" + p + "` is not a mention. Use `@name`.");
            current.add(Ids.user(Long.parseUnsignedLong(m.group(1))));
        }
        sides.add(current);
        if (!explicitSides) {
            if (current.size() == 1) {
                // "-players @Opponent": the author challenges them
                sides = List.of(List.of(Ids.user(authorId)), current);
            } else if (current.size() == 2) {
                sides = List.of(List.of(current.get(0)), List.of(current.get(1)));
            } else {
                return Reply.text("With more than two players, split the sides with `vs`.\n" + USAGE);
            }
        }
        if (sides.size() != 2 || sides.get(0).isEmpty() || sides.get(1).isEmpty()) {
            return Reply.text("A war needs exactly two sides.\n" + USAGE);
        }
        String type = args.first("type").orElse("ft3").toLowerCase(Locale.ROOT);
        if (!type.startsWith("ft")) type = "ft" + type;
        String duration = args.first("duration").map(d -> PLAIN_HOURS.matcher(d).matches() ? d + "h" : d)
                .orElse(null);
        JsonNode body = Json.obj(
                "game", args.first("game").orElse("default"),
                "format", type,
                "duration", duration,
                "sides", sides);
        return Reply.call(ApiRequest.of(Operation.CREATE_WAR, Map.of("server", server), body), View.WAR);
    }

    private static Reply warAction(Args args, Operation op) {
        if (args.positional.isEmpty()) return Reply.text(USAGE);
        return Reply.call(ApiRequest.of(op, Map.of("id", args.positional.get(0)), Json.obj()), View.WAR);
    }

    private static Reply report(Args args) {
        if (args.positional.isEmpty()) return Reply.text(USAGE);
        List<Long> winner = mentions(args.values.getOrDefault("winner", List.of()));
        if (winner.isEmpty()) return Reply.text("Say who won: `-winner @P`.");
        Map<String, String> war = Map.of("id", args.positional.get(0));
        String user = Ids.user(winner.get(0));
        return new Reply.Plan(ApiRequest.of(Operation.GET_WAR, war),
                current -> ApiRequest.of(Operation.REPORT_ROUND, war,
                        Json.obj("winner", WarCommands.sideOf(current, user))), View.WAR, false);
    }

    private static List<Long> mentions(List<String> tokens) {
        List<Long> ids = new ArrayList<>();
        for (String t : tokens) {
            Matcher m = MENTION.matcher(t);
            if (m.matches()) ids.add(Long.parseUnsignedLong(m.group(1)));
        }
        return ids;
    }

    /** {@code -name value value …} flags; tokens before the first flag are positional. */
    record Args(List<String> positional, Map<String, List<String>> values) {
        static Args parse(List<String> tokens) {
            List<String> positional = new ArrayList<>();
            Map<String, List<String>> values = new LinkedHashMap<>();
            String flag = null;
            for (String t : tokens) {
                if (t.startsWith("-") && t.length() > 1 && !Character.isDigit(t.charAt(1))) {
                    flag = t.substring(1).toLowerCase(Locale.ROOT);
                    values.putIfAbsent(flag, new ArrayList<>());
                } else if (flag == null) {
                    positional.add(t);
                } else {
                    values.get(flag).add(t);
                }
            }
            return new Args(positional, values);
        }

        Optional<String> first(String flag) {
            List<String> v = values.get(flag);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", v));
        }
    }
}
