package dev.guildhall.slack.gm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code /gm}. Slack sends mentions escaped ({@code <@U024BE7LH|bob>}) when the
 * command has "Escape channels, users, and links" on, which the app manifest asks for. The parser only
 * checks shapes (a mention, a number, {@code ftN}, a duration); whether a value is allowed is core-api's call.
 */
public final class GmParser {

    private static final Pattern TOKEN = Pattern.compile("(?:<[^>]*>|[^\\s<]+|<)+");
    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]{1,31})(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([CGD][A-Z0-9]{1,31})(?:\\|[^>]*)?>");
    private static final Pattern FORMAT = Pattern.compile("(?i)ft([0-9]{1,3})");
    private static final Pattern DURATION = Pattern.compile("[0-9]{1,6}[smhd]");
    private static final Pattern WAR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern SIDE = Pattern.compile("(?i)side:([12])");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DELETE_DAYS = Pattern.compile("(?i)delete:([0-9]{1,2})");
    private static final Pattern CONFIG_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*){0,4}");
    private static final List<String> WAR_STATUSES = List.of("pending", "active", "disputed", "finished", "expired",
            "declined", "cancelled");

    public GmCommand parse(String text) {
        List<String> tokens = tokens(text == null ? "" : text);
        if (tokens.isEmpty()) {
            return new GmCommand.Help(null);
        }
        String name = tokens.get(0).toLowerCase(Locale.ROOT);
        Args args = new Args(name, tokens.subList(1, tokens.size()));
        return switch (name) {
            case "help", "?" -> new GmCommand.Help(help(args.optionalLast()));
            case "war", "challenge" -> war(args);
            case "accept" -> new GmCommand.WarAction(GmCommand.WarAction.Verb.ACCEPT, args.lastWarId());
            case "decline" -> new GmCommand.WarAction(GmCommand.WarAction.Verb.DECLINE, args.lastWarId());
            case "cancel" -> new GmCommand.WarAction(GmCommand.WarAction.Verb.CANCEL, args.lastWarId());
            case "report" -> report(args);
            case "confirm" -> new GmCommand.RoundAction(GmCommand.RoundAction.Verb.CONFIRM, args.warId(), args.lastNumber("round"));
            case "dispute" -> new GmCommand.RoundAction(GmCommand.RoundAction.Verb.DISPUTE, args.warId(), args.lastNumber("round"));
            case "status" -> new GmCommand.Status(args.lastWarId());
            case "list", "wars" -> list(args);
            case "leaderboard", "top", "lb" -> new GmCommand.Leaderboard(game(args.optionalLast()));
            case "profile" -> new GmCommand.Profile(args.optional() == null ? null : args.lastUser("player"));
            case "warn", "kick", "unban" -> new GmCommand.Moderate(name, args.user("member"), null, null, args.rest(false));
            case "note" -> new GmCommand.Moderate(name, args.user("member"), null, null, args.rest(true));
            case "timeout", "mute" -> timeout(args);
            case "ban" -> ban(args);
            case "case" -> new GmCommand.ShowCase(args.lastNumber("case number"));
            case "cases" -> new GmCommand.ListCases(args.optional() == null ? null : args.lastUser("member"));
            case "reason" -> new GmCommand.Reason(args.number("case number"), args.rest(true));
            case "config" -> config(args);
            default -> throw new GmSyntaxException(null, tokens.get(0),
                    "is not a /gm command. Try `/gm help` for the list", "/gm help");
        };
    }

    private GmCommand war(Args args) {
        List<String> sideA = new ArrayList<>();
        List<String> sideB = new ArrayList<>();
        String game = null;
        String format = null;
        String duration = null;
        boolean versus = false;
        for (String t : args.remaining()) {
            Matcher user = USER.matcher(t);
            if (user.matches()) {
                (versus ? sideB : sideA).add(user.group(1));
            } else if (t.equalsIgnoreCase("vs") || t.equalsIgnoreCase("v") || t.equalsIgnoreCase("vs.")) {
                if (versus) throw args.wrong(t, "appears twice; a war has exactly two sides");
                versus = true;
            } else if (t.regionMatches(true, 0, "game:", 0, 5)) {
                game = t.substring(5);
                if (game.isEmpty()) throw args.wrong(t, "needs the game's name right after `game:` (no space)");
            } else if (FORMAT.matcher(t).matches()) {
                format = t.toLowerCase(Locale.ROOT);
            } else if (DURATION.matcher(t).matches()) {
                duration = t;
            } else if (t.startsWith("@")) {
                throw args.wrong(t, "is not a Slack mention; pick the player from Slack's @ list so it turns into a link");
            } else if (t.regionMatches(true, 0, "ft", 0, 2)) {
                throw args.wrong(t, "is not a format; write ft followed by the wins needed, like ft3");
            } else {
                throw args.wrong(t, "is not a player, `vs`, `game:<name>`, a format like ft3 or a duration like 12h");
            }
        }
        if (!versus) throw args.wrong("vs", "is missing between the two sides");
        if (sideA.isEmpty()) throw args.wrong("players before vs", "are missing; mention at least one player");
        if (sideB.isEmpty()) throw args.wrong("players after vs", "are missing; mention at least one player");
        if (game == null) throw args.wrong("game:<name>", "is missing; say which game, like game:chess");
        return new GmCommand.CreateWar(sideA, sideB, game, format, duration);
    }

    private GmCommand report(Args args) {
        String war = args.warId();
        String who = args.required("winner (@player, win or loss)");
        args.noMore();
        Matcher user = USER.matcher(who);
        if (user.matches()) return new GmCommand.Report(war, user.group(1), null, null);
        Matcher side = SIDE.matcher(who);
        if (side.matches()) return new GmCommand.Report(war, null, null, Integer.parseInt(side.group(1)) - 1);
        return switch (who.toLowerCase(Locale.ROOT)) {
            case "win", "won", "w" -> new GmCommand.Report(war, null, true, null);
            case "loss", "lost", "lose", "l" -> new GmCommand.Report(war, null, false, null);
            default -> throw args.wrong(who, "is not a winner; mention the winner, say win or loss, or side:1 or side:2");
        };
    }

    private GmCommand list(Args args) {
        String status = args.optional();
        if (status == null) return new GmCommand.ListWars(null);
        args.last();
        args.noMore();
        String s = status.toLowerCase(Locale.ROOT);
        if (!WAR_STATUSES.contains(s)) throw args.wrong(status, "is not a war status; use one of " + WAR_STATUSES);
        return new GmCommand.ListWars(s.toUpperCase(Locale.ROOT));
    }

    private static String help(String topic) {
        if (topic == null) return null;
        String t = topic.toLowerCase(Locale.ROOT);
        if (GmUsage.of(t).isEmpty()) {
            throw new GmSyntaxException("help", topic, "is not a /gm command; `/gm help` lists them all", "/gm help war");
        }
        return t;
    }

    private static String game(String token) {
        if (token == null) return null;
        return token.regionMatches(true, 0, "game:", 0, 5) ? token.substring(5) : token;
    }

    private GmCommand timeout(Args args) {
        String user = args.user("member");
        String duration = args.required("duration (like 10m, 1h, 7d)");
        if (!DURATION.matcher(duration).matches()) {
            throw args.wrong(duration, "is not a duration; write a number and s, m, h or d, like 1h");
        }
        return new GmCommand.Moderate("timeout", user, duration, null, args.rest(false));
    }

    private GmCommand ban(Args args) {
        String user = args.user("member");
        String duration = null;
        Integer deleteDays = null;
        while (true) {
            String next = args.optional();
            if (next == null) break;
            Matcher delete = DELETE_DAYS.matcher(next);
            if (duration == null && DURATION.matcher(next).matches()) {
                duration = next;
            } else if (deleteDays == null && delete.matches()) {
                deleteDays = Integer.parseInt(delete.group(1));
            } else if (deleteDays == null && next.regionMatches(true, 0, "delete:", 0, 7)) {
                throw args.wrong(next, "needs a number of days, like delete:1");
            } else {
                break;
            }
            args.last();
        }
        return new GmCommand.Moderate("ban", user, duration, deleteDays, args.rest(false));
    }

    private GmCommand config(Args args) {
        String verb = args.optional();
        if (verb == null) return new GmCommand.Config(null, null, false);
        args.last();
        switch (verb.toLowerCase(Locale.ROOT)) {
            case "show" -> {
                args.noMore();
                return new GmCommand.Config(null, null, false);
            }
            case "set" -> {
                String path = configPath(args);
                List<String> rest = args.remaining();
                if (rest.isEmpty()) throw args.wrong("value", "is missing; say what to set " + path + " to");
                return new GmCommand.Config(path, value(rest), false);
            }
            case "reset" -> {
                String path = configPath(args);
                args.noMore();
                return new GmCommand.Config(path, null, true);
            }
            default -> throw args.wrong(verb, "is not a config action; use set, reset or nothing to show");
        }
    }

    private static String configPath(Args args) {
        String path = args.required("setting (like automod.enabled)");
        if (!CONFIG_PATH.matcher(path).matches()) {
            throw args.wrong(path, "is not a setting name; use dotted names like automod.enabled or modLogChannel");
        }
        return path;
    }

    /** A config value: true/false, a number, a #channel, a list ({@code a,b} or {@code [a]}), or text. */
    static Object value(List<String> tokens) {
        if (tokens.size() == 1) {
            String t = tokens.get(0);
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("on")) return Boolean.TRUE;
            if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("off")) return Boolean.FALSE;
            if (t.matches("-?[0-9]{1,9}")) return Integer.parseInt(t);
            if (t.matches("-?[0-9]{1,9}\\.[0-9]{1,9}")) return Double.parseDouble(t);
            boolean bracketed = t.startsWith("[") && t.endsWith("]");
            if (bracketed || t.contains(",")) {
                List<Object> list = new ArrayList<>();
                for (String part : (bracketed ? t.substring(1, t.length() - 1) : t).split(",")) {
                    if (!part.isBlank()) list.add(single(part.trim()));
                }
                return list;
            }
            return single(t);
        }
        return String.join(" ", tokens);
    }

    private static String single(String t) {
        Matcher channel = CHANNEL.matcher(t);
        if (channel.matches()) return channel.group(1);
        Matcher user = USER.matcher(t);
        if (user.matches()) return user.group(1);
        return t;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.strip());
        while (m.find()) tokens.add(m.group());
        return tokens;
    }

    /** The arguments of one command, read left to right, with errors that name the command. */
    private static final class Args {
        private final String command;
        private final List<String> tokens;
        private int next;

        Args(String command, List<String> tokens) {
            this.command = command;
            this.tokens = tokens;
        }

        GmSyntaxException wrong(String part, String problem) {
            return new GmSyntaxException(command, part, problem, GmUsage.example(command));
        }

        String optional() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        /** Consumes the token {@link #optional()} returned. */
        String last() {
            return tokens.get(next++);
        }

        /** The next token if any, then no more tokens allowed. */
        String optionalLast() {
            String t = optional();
            if (t != null) {
                next++;
                noMore();
            }
            return t;
        }

        String lastUser(String what) {
            String u = user(what);
            noMore();
            return u;
        }

        String required(String what) {
            if (next >= tokens.size()) throw wrong(what, "is missing");
            return tokens.get(next++);
        }

        String user(String what) {
            String t = required("@" + what);
            Matcher m = USER.matcher(t);
            if (m.matches()) return m.group(1);
            if (t.startsWith("@")) {
                throw wrong(t, "is not a Slack mention; pick the " + what + " from Slack's @ list so it turns into a link");
            }
            throw wrong(t, "should be a mention of the " + what + ", like @bob");
        }

        String warId() {
            String t = required("war id");
            if (!WAR_ID.matcher(t).matches()) throw wrong(t, "is not a war id; copy it from the war card");
            return t;
        }

        String lastWarId() {
            String id = warId();
            noMore();
            return id;
        }

        int lastNumber(String what) {
            int n = number(what);
            noMore();
            return n;
        }

        int number(String what) {
            String t = required(what);
            String digits = t.startsWith("#") ? t.substring(1) : t;
            if (!NUMBER.matcher(digits).matches()) throw wrong(t, "is not a " + what + "; use a whole number");
            return Integer.parseInt(digits);
        }

        List<String> remaining() {
            List<String> rest = tokens.subList(next, tokens.size());
            next = tokens.size();
            return rest;
        }

        /** The rest as free text, Slack's escapes kept (they render as mentions); null if empty and optional. */
        String rest(boolean required) {
            List<String> rest = remaining();
            if (rest.isEmpty()) {
                if (required) throw wrong("text", "is missing");
                return null;
            }
            return String.join(" ", rest);
        }

        void noMore() {
            if (next < tokens.size()) throw wrong(tokens.get(next), "is one word too many");
        }
    }
}
