package dev.guildhall.auth;

/** What an API key may do: manage keys, act for chat users, or read as a third party. */
public enum KeyKind {
    /** Manages keys and reads everything; cannot act for a chat user. */
    ADMIN,
    /** A chat adapter: every server of its platforms, may act for chat users through the actor headers. */
    PLATFORM,
    /** A third-party app: only its listed servers and scopes; never acts for a user. */
    APP
}
