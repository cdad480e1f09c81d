package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A player's profile in a server: a rating per game and recent wars. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(String user, List<GameRating> ratings, List<War> recentWars) {

    public Profile {
        ratings = ratings == null ? List.of() : List.copyOf(ratings);
        recentWars = recentWars == null ? List.of() : List.copyOf(recentWars);
    }

    /** Rating, record and current streak (negative for a losing streak) in one game. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GameRating(String game, int rating, int wins, int losses, int streak) {}
}
