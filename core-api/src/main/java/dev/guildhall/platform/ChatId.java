package dev.guildhall.platform;

/**
 * A server or user identity: {@code {platform}:{id}} such as {@code discord:81384788765712384}
 * or {@code slack:T0123ABC}. Discord ids are snowflakes (digits); Slack ids are upper-case alphanumerics.
 */
public record ChatId(String platform, String id) {

    private static final String DISCORD = "discord:";
    private static final String SLACK = "slack:";

    /**
     * {@code discord:} and 1–20 digits without a leading zero, or {@code slack:} and 1–32 upper-case letters or digits
     * (ASCII only). One spelling per identity: {@code discord:047} would otherwise be another user than
     * {@code discord:47} to every rule that compares ids (self-war, owner protection), so it is refused (DESIGN §9).
     * A loop over the string rather than regexes on substrings: every request checks two or three ids, and
     * the matchers and copies were a few per cent of what the messages/check early exit allocated.
     */
    public static boolean isValid(String value) {
        if (value == null) return false;
        if (value.startsWith(DISCORD)) {
            return idFrom(value, DISCORD.length(), 20, false) && value.charAt(DISCORD.length()) != '0';
        }
        if (value.startsWith(SLACK)) return idFrom(value, SLACK.length(), 32, true);
        return false;
    }

    private static boolean idFrom(String value, int start, int maxLength, boolean letters) {
        int length = value.length() - start;
        if (length < 1 || length > maxLength) return false;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || letters && c >= 'A' && c <= 'Z')) return false;
        }
        return true;
    }

    /** Parses or answers 400 naming {@code field}. */
    public static ChatId parse(String field, String value) {
        if (!isValid(value)) {
            throw ProblemException.invalid(field, "must look like discord:<digits, no leading zero> or slack:<ID>, got '"
                    + value + "'");
        }
        int colon = value.indexOf(':');
        return new ChatId(value.substring(0, colon), value.substring(colon + 1));
    }

    public static String platformOf(String value) {
        return value.substring(0, value.indexOf(':'));
    }

    @Override
    public String toString() {
        return platform + ":" + id;
    }
}
