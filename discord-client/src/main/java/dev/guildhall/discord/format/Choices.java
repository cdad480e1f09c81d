package dev.guildhall.discord.format;

/** Kinds of autocomplete suggestions {@link Formatter#choices} can make from a core-api answer. */
public enum Choices {
    /** A page of wars: label "game ftN · A vs B · STATUS", value the war id. */
    WARS
}
