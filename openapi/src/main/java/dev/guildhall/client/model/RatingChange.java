package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A player's rating before and after a finished war. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RatingChange(String user, int before, int after) {

    public int delta() {
        return after - before;
    }
}
