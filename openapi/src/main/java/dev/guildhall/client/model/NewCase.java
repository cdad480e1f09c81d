package dev.guildhall.client.model;

/**
 * Body of {@code POST /v1/servers/{server}/cases}. {@code type}: warn, timeout, untimeout, kick, ban,
 * unban, note. {@code duration} (e.g. {@code 7d}) makes a ban temporary or sets a timeout's length;
 * {@code deleteMessageDays} 0–7 for bans. Nulls are left out of the JSON.
 */
public record NewCase(String type, Target target, String reason, String duration, Integer deleteMessageDays) {

    public static NewCase of(String type, Target target, String reason) {
        return new NewCase(type, target, reason, null, null);
    }

    public NewCase duration(String value) {
        return new NewCase(type, target, reason, value, deleteMessageDays);
    }

    public NewCase deleteMessageDays(Integer days) {
        return new NewCase(type, target, reason, duration, days);
    }

    /** Who the case is about, with what the adapter knows of them for the hierarchy rules. */
    public record Target(String user, Boolean owner, Integer topRole) {

        public static Target user(String user) {
            return new Target(user, null, null);
        }
    }
}
