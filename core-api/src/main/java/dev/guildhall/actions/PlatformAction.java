package dev.guildhall.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One thing an adapter must do on the chat platform, in the order given. Only the fields a type
 * needs are present. Types: {@code ban}, {@code unban}, {@code kick}, {@code timeout},
 * {@code untimeout}, {@code delete_message}, {@code dm}, {@code log} (post {@code message} to the
 * mod-log channel), {@code message} (post {@code text} to {@code channel}), {@code add_role},
 * {@code lockdown}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PlatformAction")
public record PlatformAction(
        @Schema(example = "ban") String type,
        @Schema(example = "discord:80351110224678912") String user,
        @Schema(example = "123456789012345678") String channel,
        @Schema(example = "123456789012345679") String messageId,
        String role,
        @Schema(example = "spam") String reason,
        Integer deleteMessageDays,
        @Schema(description = "How long a timeout or temporary ban lasts, in seconds") Long durationSeconds,
        @Schema(description = "When a timeout or temporary ban ends") Instant until,
        String text,
        LogMessage message,
        @Schema(description = "The case this action carries out, if any") Integer caseNumber) {

    /** A platform-neutral rich message (Discord embed, Slack Block Kit): the adapter only renders it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LogMessage")
    public record LogMessage(@Schema(example = "Case 12 · ban") String title,
                             @Schema(example = "danger", enumeration = {"info", "warning", "danger", "success"}) String tone,
                             List<Field> fields, Instant timestamp) {}

    @Schema(name = "LogField")
    public record Field(@Schema(example = "Reason") String name, @Schema(example = "spam") String value) {}

    private static PlatformAction of(String type, String user) {
        return new PlatformAction(type, user, null, null, null, null, null, null, null, null, null, null);
    }

    public static PlatformAction ban(String user, int deleteMessageDays, Long durationSeconds, Instant until, String reason) {
        return new PlatformAction("ban", user, null, null, null, reason, deleteMessageDays, durationSeconds, until, null, null, null);
    }

    public static PlatformAction unban(String user, String reason) {
        return of("unban", user).withReason(reason);
    }

    public static PlatformAction kick(String user, String reason) {
        return of("kick", user).withReason(reason);
    }

    public static PlatformAction timeout(String user, long seconds, Instant until, String reason) {
        return new PlatformAction("timeout", user, null, null, null, reason, null, seconds, until, null, null, null);
    }

    public static PlatformAction untimeout(String user, String reason) {
        return of("untimeout", user).withReason(reason);
    }

    public static PlatformAction deleteMessage(String channel, String messageId) {
        return new PlatformAction("delete_message", null, channel, messageId, null, null, null, null, null, null, null, null);
    }

    public static PlatformAction dm(String user, String text) {
        return new PlatformAction("dm", user, null, null, null, null, null, null, null, text, null, null);
    }

    public static PlatformAction log(String channel, LogMessage message) {
        return new PlatformAction("log", null, channel, null, null, null, null, null, null, null, message, null);
    }

    public static PlatformAction message(String channel, String text) {
        return new PlatformAction("message", null, channel, null, null, null, null, null, null, text, null, null);
    }

    public static PlatformAction addRole(String user, String role) {
        return new PlatformAction("add_role", user, null, null, role, null, null, null, null, null, null, null);
    }

    public static PlatformAction lockdown(String reason) {
        return of("lockdown", null).withReason(reason);
    }

    public PlatformAction withReason(String r) {
        return new PlatformAction(type, user, channel, messageId, role, r, deleteMessageDays, durationSeconds, until, text, message, caseNumber);
    }

    public PlatformAction forCase(Integer number) {
        return new PlatformAction(type, user, channel, messageId, role, reason, deleteMessageDays, durationSeconds, until, text, message, number);
    }
}
