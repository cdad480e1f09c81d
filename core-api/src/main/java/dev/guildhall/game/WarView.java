package dev.guildhall.game;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A war as the API shows it (DESIGN §4 core shape). */
@Schema(name = "War")
public record WarView(
        @Schema(example = "01936b3e-8a4f-7c1d-9e2a-5b7c8d9e0f1a") String id,
        @Schema(example = "discord:81384788765712384") String server,
        @Schema(example = "chess") String game,
        @Schema(example = "ft3") String format,
        @Schema(example = "3") int winsNeeded,
        @Schema(example = "PENDING") War.Status status,
        @Schema(example = "discord:80351110224678912") String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Schema(nullable = true, description = "When the war finished, was declined, cancelled, voided or expired; null while open") Instant endedAt,
        List<War.Side> sides,
        List<War.Round> rounds,
        @Schema(nullable = true, description = "Index of the winning side once FINISHED, else null", example = "0") Integer winner,
        List<War.RatingChange> ratingChanges) {

    public static WarView of(War w, Instant now) {
        War.Status status = w.statusAt(now);
        // an open war past its deadline reads as expired at its deadline, even before the sweeper records it
        Instant endedAt = w.endedAt() == null && status == War.Status.EXPIRED ? w.expiresAt() : w.endedAt();
        return new WarView(w.id().toString(), w.server(), w.game(), w.format().toString(), w.winsNeeded(),
                status, w.createdBy(), w.createdAt(), w.expiresAt(), endedAt, w.sides(), w.rounds(),
                w.winner(), w.ratingChanges());
    }
}
