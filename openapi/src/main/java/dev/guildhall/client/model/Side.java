package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** One side of a war: its players and its confirmed round wins. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Side(List<Player> players, int wins) {

    public Side {
        players = players == null ? List.of() : List.copyOf(players);
    }

    /** A player on a side and whether they have accepted the challenge. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Player(String user, boolean accepted) {}
}
