package dev.guildhall.game;

import dev.guildhall.platform.ProblemException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A war's format {@code ftN}: the first side to N confirmed round wins takes the war. */
public record Format(int winsNeeded) {

    public static final int MAX = 10;
    private static final Pattern FORM = Pattern.compile("ft(\\d{1,3})");

    public Format {
        if (winsNeeded < 1 || winsNeeded > MAX) throw new IllegalArgumentException("winsNeeded must be 1.." + MAX);
    }

    /** Parses {@code ft3} (any case, surrounding blanks ignored) or answers 400 naming {@code field}. */
    public static Format parse(String field, String text) {
        if (text == null || text.isBlank()) throw ProblemException.invalid(field, "is required, e.g. ft3");
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (n < 1 || n > MAX) {
            throw ProblemException.invalid(field, "must look like ftN with N from 1 to " + MAX + ", got '" + text + "'");
        }
        return new Format(n);
    }

    @Override
    public String toString() {
        return "ft" + winsNeeded;
    }
}
