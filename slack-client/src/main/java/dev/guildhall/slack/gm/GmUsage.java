package dev.guildhall.slack.gm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Usage, purpose and an example for every {@code /gm} command: what {@code help} shows and what errors point to. */
public final class GmUsage {

    /** One command's help. {@code moderator} marks the ones that need moderator rights. */
    public record Entry(String name, String usage, String purpose, String example, boolean moderator) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("war", "war @player… vs @player… game:<name> [ftN] [duration]",
                "Challenge players to a war: first side to N round wins (duration like 30m, 12h, 7d).",
                "/gm war @ann vs @bob game:chess ft3 12h", false);
        add("accept", "accept <war>", "Accept a challenge you are part of.", "/gm accept 3f0c5f0e", false);
        add("decline", "decline <war>", "Decline a challenge you are part of.", "/gm decline 3f0c5f0e", false);
        add("cancel", "cancel <war>", "Cancel a war you created (moderators: any war).", "/gm cancel 3f0c5f0e", false);
        add("report", "report <war> @winner | win | loss | side:1 | side:2", "Report who won the latest round.",
                "/gm report 3f0c5f0e win", false);
        add("confirm", "confirm <war> <round>", "Confirm a round the other side reported.", "/gm confirm 3f0c5f0e 2", false);
        add("dispute", "dispute <war> <round>", "Dispute a round the other side reported.", "/gm dispute 3f0c5f0e 2", false);
        add("status", "status <war>", "Show a war: sides, score, rounds.", "/gm status 3f0c5f0e", false);
        add("list", "list [pending|active|disputed|finished|expired]", "List this workspace's wars.", "/gm list active", false);
        add("leaderboard", "leaderboard [game]", "The ratings table, for one game or all.", "/gm leaderboard chess", false);
        add("profile", "profile [@player]", "Ratings, wins, losses, streak and recent wars.", "/gm profile @ann", false);
        add("warn", "warn @user [reason]", "Warn a member (counts toward escalation).", "/gm warn @bob spamming links", true);
        add("timeout", "timeout @user <duration> [reason]", "Time a member out (up to 28d).", "/gm timeout @bob 1h cool down", true);
        add("kick", "kick @user [reason]", "Remove a member from this channel.", "/gm kick @bob trolling", true);
        add("ban", "ban @user [duration] [delete:<days>] [reason]", "Ban a member, for good or for a while.",
                "/gm ban @bob 7d delete:1 spam", true);
        add("unban", "unban @user [reason]", "Lift a ban.", "/gm unban @bob appeal accepted", true);
        add("note", "note @user <text>", "Keep a private moderator note on a member.", "/gm note @bob was warned in DMs", true);
        add("case", "case <number>", "Show one moderation case.", "/gm case 12", true);
        add("cases", "cases [@user]", "List moderation cases, for one member or all.", "/gm cases @bob", true);
        add("reason", "reason <number> <new reason>", "Change a case's reason.", "/gm reason 12 spam in #general", true);
        add("config", "config | config set <path> <value> | config reset <path>",
                "Show or change this workspace's settings (admins); lists as a,b or [a].",
                "/gm config set automod.enabled true", true);
        add("help", "help [command]", "This help, or the help of one command.", "/gm help war", false);
    }

    private static void add(String name, String usage, String purpose, String example, boolean moderator) {
        ENTRIES.put(name, new Entry(name, usage, purpose, example, moderator));
    }

    private GmUsage() {}

    public static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }

    public static Optional<Entry> of(String name) {
        return Optional.ofNullable(name == null ? null : ENTRIES.get(name));
    }

    public static String example(String name) {
        return of(name).map(Entry::example).orElse("/gm help");
    }
}
