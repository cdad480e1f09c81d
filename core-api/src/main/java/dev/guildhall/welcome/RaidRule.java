package dev.guildhall.welcome;

/**
 * Raid detection (DESIGN §6): {@code joins} joins within {@code seconds} is a raid. A raid lasts
 * while joins keep coming that fast and for {@code seconds} after; only its start alerts the mod log,
 * so a raid of 200 accounts is one alert, not 190. Plain Java.
 */
public final class RaidRule {

    public record Decision(boolean raid, boolean started, boolean extend) {}

    private RaidRule() {}

    /**
     * @param recentJoins joins within the window, this one included
     * @param ongoing     a raid detected earlier has not ended yet
     */
    public static Decision decide(int recentJoins, int threshold, boolean ongoing) {
        boolean fast = recentJoins >= threshold;
        return new Decision(fast || ongoing, fast && !ongoing, fast);
    }

    /** The welcome text: {@code {user}} mentions the member, {@code {name}} is their name, {@code {server}} the server's. */
    public static String welcome(String template, String userId, String name, String serverName) {
        String mention = "<@" + userId.substring(userId.indexOf(':') + 1) + ">";
        return template.replace("{user}", mention)
                .replace("{name}", name == null ? mention : name)
                .replace("{server}", serverName);
    }
}
