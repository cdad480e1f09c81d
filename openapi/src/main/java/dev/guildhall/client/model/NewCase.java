package dev.guildhall.client.model;

/**
 * Body of {@code POST /v1/servers/{server}/cases}. {@code type}: warn, timeout, untimeout, kick, ban,
 * unban, note. {@code duration} (e.g. {@code 7d}) makes a ban temporary or sets a timeout's length;
 * {@code deleteMessageDays} 0–7 for bans. An adapter reporting a ban or kick done by hand on the
 * platform sends {@link #observed(String, String)}: it becomes a case exactly once. {@link #deleting}
 * names an offending message to delete first. Nulls are left out of the JSON.
 */
public record NewCase(String type, Target target, String reason, String duration, Integer deleteMessageDays,
                      Boolean observed, String platformRef, String moderator, String channel, String messageId) {

    public NewCase(String type, Target target, String reason, String duration, Integer deleteMessageDays) {
        this(type, target, reason, duration, deleteMessageDays, null, null, null, null, null);
    }

    public static NewCase of(String type, Target target, String reason) {
        return new NewCase(type, target, reason, null, null);
    }

    public NewCase duration(String value) {
        return new NewCase(type, target, reason, value, deleteMessageDays, observed, platformRef, moderator, channel, messageId);
    }

    public NewCase deleteMessageDays(Integer days) {
        return new NewCase(type, target, reason, duration, days, observed, platformRef, moderator, channel, messageId);
    }

    /** A ban/kick/timeout seen in the platform's audit log ({@code auditEntryId}), done by {@code byModerator}. */
    public NewCase observed(String auditEntryId, String byModerator) {
        return new NewCase(type, target, reason, duration, deleteMessageDays, true, auditEntryId, byModerator, channel, messageId);
    }

    /** The offending message, deleted as the case's first action. */
    public NewCase deleting(String inChannel, String message) {
        return new NewCase(type, target, reason, duration, deleteMessageDays, observed, platformRef, moderator, inChannel, message);
    }

    /** Who the case is about, with what the adapter knows of them for the hierarchy rules ({@code bot}: the bot itself). */
    public record Target(String user, Boolean owner, Integer topRole, Boolean bot) {

        public Target(String user, Boolean owner, Integer topRole) {
            this(user, owner, topRole, null);
        }

        public static Target user(String user) {
            return new Target(user, null, null, null);
        }
    }
}
