package dev.guildhall.auth;

import java.util.Arrays;
import java.util.Optional;

/** Scopes an {@link KeyKind#APP} key can be granted. Platform and admin keys hold all of them. */
public enum Scope {
    SERVERS_READ("servers:read"),
    WARS_READ("wars:read"),
    CASES_READ("cases:read"),
    AUDIT_READ("audit:read"),
    WEBHOOKS_WRITE("webhooks:write");

    private final String value;

    Scope(String value) { this.value = value; }

    public String value() { return value; }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
