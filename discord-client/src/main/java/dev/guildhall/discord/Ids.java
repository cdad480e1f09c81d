package dev.guildhall.discord;

/** Guildhall identities for Discord objects: {@code discord:<snowflake>}. */
public final class Ids {

    public static final String PLATFORM = "discord";
    private static final String PREFIX = PLATFORM + ":";

    private Ids() {}

    public static String server(long guildId) {
        return PREFIX + Long.toUnsignedString(guildId);
    }

    public static String user(long userId) {
        return PREFIX + Long.toUnsignedString(userId);
    }

    /** The snowflake of {@code discord:123} (or a bare {@code 123}); -1 if it is not a Discord id. */
    public static long snowflake(String id) {
        if (id == null) return -1;
        String raw = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        if (raw.contains(":")) return -1;
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A user mention for a Guildhall user id, or the id itself for other platforms. */
    public static String mention(String userId) {
        long s = snowflake(userId);
        return s < 0 ? String.valueOf(userId) : "<@" + Long.toUnsignedString(s) + ">";
    }
}
