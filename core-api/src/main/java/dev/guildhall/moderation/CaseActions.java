package dev.guildhall.moderation;

import dev.guildhall.actions.PlatformAction;
import dev.guildhall.actions.PlatformAction.Field;
import dev.guildhall.actions.PlatformAction.LogMessage;
import dev.guildhall.platform.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform actions that carry out a case, in order. The DM goes first because after a kick or
 * ban the platform no longer lets the bot message the member. Observed cases already happened on
 * the platform, so they are only logged; notes are never sent to the member.
 */
public final class CaseActions {

    private CaseActions() {}

    public static List<PlatformAction> forCase(ModCase c, String serverName, String modLogChannel) {
        List<PlatformAction> actions = new ArrayList<>();
        CaseType type = c.caseType();
        String reason = c.reason == null ? "No reason given" : c.reason;
        if (!c.observed) {
            switch (type) {
                case WARN -> actions.add(dm(c, "You were warned in " + serverName + ". Reason: " + reason));
                case TIMEOUT -> {
                    actions.add(dm(c, "You were timed out in " + serverName + " for " + duration(c) + ". Reason: " + reason));
                    actions.add(PlatformAction.timeout(c.target, c.durationSeconds, c.expiresAt, reason));
                }
                case UNTIMEOUT -> {
                    actions.add(PlatformAction.untimeout(c.target, reason));
                    actions.add(dm(c, "Your timeout in " + serverName + " was removed."));
                }
                case KICK -> {
                    actions.add(dm(c, "You were kicked from " + serverName + ". Reason: " + reason));
                    actions.add(PlatformAction.kick(c.target, reason));
                }
                case BAN -> {
                    actions.add(dm(c, "You were banned from " + serverName
                            + (c.durationSeconds == null ? "" : " for " + duration(c)) + ". Reason: " + reason));
                    actions.add(PlatformAction.ban(c.target, c.deleteMessageDays == null ? 0 : c.deleteMessageDays,
                            c.durationSeconds, c.expiresAt, reason));
                }
                case UNBAN -> actions.add(PlatformAction.unban(c.target, reason));
                case NOTE -> { }
            }
        }
        if (modLogChannel != null) actions.add(log(c, modLogChannel));
        return actions.stream().map(a -> a.forCase(c.number)).toList();
    }

    /** The neutral rich message for the mod log: adapters render it as an embed or Block Kit. */
    public static PlatformAction log(ModCase c, String modLogChannel) {
        CaseType type = c.caseType();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("User", c.target));
        fields.add(new Field("Moderator", c.moderator != null ? c.moderator : "Automatic (" + c.source + ")"));
        fields.add(new Field("Reason", c.reason == null ? "No reason given" : c.reason));
        if (c.durationSeconds != null) fields.add(new Field("Duration", duration(c)));
        if (c.expiresAt != null) fields.add(new Field("Ends", c.expiresAt.toString()));
        if (c.deleteMessageDays != null && c.deleteMessageDays > 0) {
            fields.add(new Field("Messages deleted", c.deleteMessageDays + " days"));
        }
        if (c.observed) fields.add(new Field("Source", "Done directly on the platform"));
        if (c.escalatedFrom != null) fields.add(new Field("Escalated from", "Case " + c.escalatedFrom));
        String tone = switch (type) {
            case WARN, TIMEOUT -> "warning";
            case KICK, BAN -> "danger";
            case UNTIMEOUT, UNBAN -> "success";
            case NOTE -> "info";
        };
        String title = "Case " + c.number + " · " + type.value() + (c.durationSeconds != null && type == CaseType.BAN ? " (temporary)" : "");
        return PlatformAction.log(modLogChannel, new LogMessage(title, tone, fields, c.createdAt));
    }

    private static PlatformAction dm(ModCase c, String text) {
        return PlatformAction.dm(c.target, text + " (case " + c.number + ")");
    }

    private static String duration(ModCase c) {
        return Durations.format(Duration.ofSeconds(c.durationSeconds));
    }
}
