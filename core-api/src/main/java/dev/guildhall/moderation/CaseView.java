package dev.guildhall.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.guildhall.platform.Durations;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A case as the API shows it. {@code reasonEdits} is present only when one case is read. */
@Schema(name = "Case")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseView(
        @Schema(example = "12") int number,
        @Schema(example = "ban") String type,
        @Schema(example = "discord:80351110224678912") String target,
        @Schema(nullable = true, description = "Who acted; null when the system did (automod, escalation, expiry)") String moderator,
        @Schema(nullable = true, example = "spam") String reason,
        boolean automatic,
        @Schema(description = "Done by hand on the platform and reported by the adapter") boolean observed,
        @Schema(enumeration = {"command", "observed", "automod", "escalation", "expiry"}) String source,
        @Schema(nullable = true, example = "7d", description = "How long a timeout or temporary ban lasts") String duration,
        @Schema(nullable = true) Integer deleteMessageDays,
        Instant createdAt,
        @Schema(nullable = true, description = "When a timeout or temporary ban ends") Instant expiresAt,
        @Schema(nullable = true, description = "The warning case that triggered this escalation") Integer escalatedFrom,
        @Schema(nullable = true, description = "The platform's audit-entry id, once known") String platformRef,
        @Schema(description = "Grows with every reason edit; send it back in a PATCH to refuse lost updates") int version,
        Instant updatedAt,
        @Schema(description = "Only when one case is read") @JsonInclude(JsonInclude.Include.NON_NULL) List<ReasonEdit> reasonEdits) {

    @Schema(name = "CaseReasonEdit")
    public record ReasonEdit(@Schema(nullable = true) String editor, @Schema(nullable = true) String before,
                             @Schema(nullable = true) String after, Instant editedAt) {}

    public static CaseView of(ModCase c) {
        return of(c, null);
    }

    public static CaseView of(ModCase c, List<CaseReasonEdit> edits) {
        return new CaseView(c.number, c.type, c.target, c.moderator, c.reason, c.automatic, c.observed, c.source,
                c.durationSeconds == null ? null : Durations.format(Duration.ofSeconds(c.durationSeconds)),
                c.deleteMessageDays, c.createdAt, c.expiresAt, c.escalatedFrom, c.platformRef, c.version, c.updatedAt,
                edits == null ? null : edits.stream().map(e -> new ReasonEdit(e.editor, e.before, e.after, e.editedAt)).toList());
    }
}
