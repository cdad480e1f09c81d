package dev.guildhall.auth;

/** The chat permissions an adapter reports for its actor in {@code X-Actor-Permissions}. */
public enum Permission {
    MANAGE_SERVER, MODERATE_MEMBERS, KICK_MEMBERS, BAN_MEMBERS, MANAGE_MESSAGES
}
