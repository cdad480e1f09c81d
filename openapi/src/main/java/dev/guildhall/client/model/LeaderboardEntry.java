package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One row of a server's leaderboard for a game. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaderboardEntry(int rank, String user, int rating, int wins, int losses, int played) {}
