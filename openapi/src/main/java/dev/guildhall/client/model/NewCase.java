package dev.guildhall.client.model;

/**
 * Body of {@code POST /v1/servers/{server}/cases}. {@code type}: warn, timeout, untimeout, kick, ban,
 * unban, note. {@code duration} (e.g. {@code 7d}) makes a ban temporary or sets a timeout's length;
 * {@code deleteMessageDays} 0–7 for bans. Nulls are left out of the JSON.
 * <p>An adapter reporting an action done by hand on the platform (a ban from Discord's own menu,
 * seen in its audit log) sets {@code observed}, the audit entry's id as {@code platformRef} and who
 * did it as {@code moderator}; core-api records it once (see {@link #observed}).
 */
public record NewCase(String type, Target target, String reason, String duration, Integer deleteMessageDays,
                      Boolean observed, String platformRef, String moderator) {

    public NewCase(String type, Target target, String reason, String duration, Integer deleteMessageDays) {
        this(type, target, reason, duration, deleteMessageDays, null, null, null);
    }

    public static NewCase of(String type, Target target, String reason) {
        return new NewCase(type, target, reason, null, null);
    }

    /** An action already done on the platform by {@code moderator}, found in audit entry {@code platformRef}. */
    public static NewCase observed(String type, Target target, String reason, String platformRef, String moderator) {
        return new NewCase(type, target, reason, null, null, true, platformRef, moderator);
    }

    public NewCase duration(String value) {
        return new NewCase(type, target, reason, value, deleteMessageDays, observed, platformRef, moderator);
    }

    public NewCase deleteMessageDays(Integer days) {
        return new NewCase(type, target, reason, duration, days, observed, platformRef, moderator);
    }

    /**
     * Who the case is about, with what the adapter knows of them for the hierarchy rules;
     * {@code bot} when the target is the adapter's own bot user.
     */
    public record Target(String user, Boolean owner, Integer topRole, Boolean bot) {

        public Target(String user, Boolean owner, Integer topRole) {
            this(user, owner, topRole, null);
        }

        public static Target user(String user) {
            return new Target(user, null, null, null);
        }
    }
}
