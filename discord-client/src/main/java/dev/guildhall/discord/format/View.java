package dev.guildhall.discord.format;

/** How a core-api answer is shown in Discord; {@link Formatter} renders each. */
public enum View {
    WAR, WAR_LIST, LEADERBOARD, PROFILE, CASE, CASE_LIST, CONFIG, SERVER, DONE
}
