package dev.guildhall.moderation;

import dev.guildhall.auth.Permission;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of case, the chat permission each needs, and how it reads in a log line. */
public enum CaseType {
    WARN(Permission.MODERATE_MEMBERS, "warned"),
    TIMEOUT(Permission.MODERATE_MEMBERS, "timed out"),
    UNTIMEOUT(Permission.MODERATE_MEMBERS, "timeout removed"),
    KICK(Permission.KICK_MEMBERS, "kicked"),
    BAN(Permission.BAN_MEMBERS, "banned"),
    UNBAN(Permission.BAN_MEMBERS, "unbanned"),
    NOTE(Permission.MODERATE_MEMBERS, "note added");

    private final Permission permission;
    private final String pastTense;

    CaseType(Permission permission, String pastTense) {
        this.permission = permission;
        this.pastTense = pastTense;
    }

    public Permission permission() { return permission; }

    public String pastTense() { return pastTense; }

    /** The lower-case name used in JSON and the database. */
    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** Only these can be done by hand on the platform and reported as observed. */
    public boolean observable() {
        return this == BAN || this == UNBAN || this == KICK || this == TIMEOUT || this == UNTIMEOUT;
    }

    public static Optional<CaseType> of(String value) {
        if (value == null) return Optional.empty();
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.value().equals(v)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(CaseType::value).toList().toString();
    }
}
