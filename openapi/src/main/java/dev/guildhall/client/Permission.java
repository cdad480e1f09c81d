package dev.guildhall.client;

/** The chat permissions an actor may hold, sent in {@code X-Actor-Permissions}. */
public enum Permission {
    MANAGE_SERVER, MODERATE_MEMBERS, KICK_MEMBERS, BAN_MEMBERS, MANAGE_MESSAGES
}
