package dev.guildhall.platform;

import java.util.regex.Pattern;

/**
 * A server or user identity: {@code {platform}:{id}} such as {@code discord:81384788765712384}
 * or {@code slack:T0123ABC}. Discord ids are snowflakes (digits); Slack ids are upper-case alphanumerics.
 */
public record ChatId(String platform, String id) {

    private static final Pattern DISCORD = Pattern.compile("[0-9]{1,20}");
    private static final Pattern SLACK = Pattern.compile("[A-Z0-9]{1,32}");

    public static boolean isValid(String value) {
        if (value == null) return false;
        int colon = value.indexOf(':');
        if (colon < 0) return false;
        String platform = value.substring(0, colon);
        String id = value.substring(colon + 1);
        return switch (platform) {
            case "discord" -> DISCORD.matcher(id).matches();
            case "slack" -> SLACK.matcher(id).matches();
            default -> false;
        };
    }

    /** Parses or answers 400 naming {@code field}. */
    public static ChatId parse(String field, String value) {
        if (!isValid(value)) {
            throw ProblemException.invalid(field, "must look like discord:<digits> or slack:<ID>, got '" + value + "'");
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
