package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A war. {@code status}: PENDING, ACTIVE, DISPUTED, FINISHED, DECLINED, CANCELLED, EXPIRED.
 * {@code winner} is the winning side's index (0 or 1), null while undecided.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record War(String id, String server, String game, String format, Integer winsNeeded, String status,
                  String createdBy, Instant createdAt, Instant expiresAt, List<Side> sides, List<Round> rounds,
                  Integer winner, List<RatingChange> ratingChanges) {

    public War {
        sides = sides == null ? List.of() : List.copyOf(sides);
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        ratingChanges = ratingChanges == null ? List.of() : List.copyOf(ratingChanges);
    }
}
