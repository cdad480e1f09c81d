package dev.guildhall.platform;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 30s}, {@code 10m}, {@code 12h}, {@code 7d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhd])");

    private Durations() {}

    /** Parses one duration; throws {@link IllegalArgumentException} with a user-facing message. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be a duration such as 30s, 10m, 12h or 7d");
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a number and s, m, h or d (30s, 10m, 12h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Parses and checks bounds (inclusive), reporting the failure against {@code field}. */
    public static Duration parse(String field, String text, Duration min, Duration max) {
        Duration d;
        try {
            d = parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw ProblemException.invalid(field, "must be between " + format(min) + " and " + format(max));
        }
        return d;
    }

    /** The shortest exact form: 90s -> "90s", 3600s -> "1h". */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86400 == 0) return s / 86400 + "d";
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
