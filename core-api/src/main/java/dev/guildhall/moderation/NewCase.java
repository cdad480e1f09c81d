package dev.guildhall.moderation;

import dev.guildhall.auth.Actor;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Durations;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.ProblemException.FieldError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked request for a case. {@link #parse} is the input validation (400 with field errors) in
 * plain Java; permission, hierarchy and state rules come later in {@link CaseService}.
 */
public record NewCase(CaseType type, Hierarchy.Target target, String reason, Duration duration, int deleteMessageDays,
                      boolean observed, String platformRef, String moderator, String channel, String messageId) {

    public static final Duration MAX_TIMEOUT = Duration.ofDays(28);
    public static final Duration MAX_BAN = Duration.ofDays(3650);
    public static final int MAX_REASON = 1000;

    /** The raw fields of a request, as the resource received them. */
    public record Input(String type, String targetUser, Boolean targetOwner, Integer targetTopRole, Boolean targetBot,
                        String reason, String duration, Integer deleteMessageDays, Boolean observed,
                        String platformRef, String moderator, String channel, String messageId) {}

    public static NewCase parse(Input in, String platform, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        CaseType type = CaseType.of(in.type()).orElse(null);
        if (type == null) errors.add(new FieldError("type", "must be one of " + CaseType.choices()));
        if (in.targetUser() == null) {
            errors.add(new FieldError("target.user", "is required"));
        } else if (!ChatId.isValid(in.targetUser()) || !ChatId.platformOf(in.targetUser()).equals(platform)) {
            errors.add(new FieldError("target.user", "must be a " + platform + " user such as " + platform + ":123"));
        }
        if (in.targetTopRole() != null && in.targetTopRole() < 0) {
            errors.add(new FieldError("target.topRole", "must be 0 or more"));
        }
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (type == CaseType.NOTE && reason == null) errors.add(new FieldError("reason", "a note needs its text"));

        Duration duration = null;
        if (in.duration() != null) {
            if (type != CaseType.TIMEOUT && type != CaseType.BAN) {
                errors.add(new FieldError("duration", "only timeout and ban take a duration"));
            } else {
                Duration max = type == CaseType.TIMEOUT ? MAX_TIMEOUT : MAX_BAN;
                try {
                    duration = Durations.parse(in.duration());
                    if (duration.isZero() || duration.compareTo(max) > 0) {
                        errors.add(new FieldError("duration", "must be between 1s and " + Durations.format(max)));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("duration", e.getMessage()));
                }
            }
        } else if (type == CaseType.TIMEOUT) {
            errors.add(new FieldError("duration", "a timeout needs a duration of at most 28d, such as 10m or 1h"));
        }
        int deleteDays = in.deleteMessageDays() == null ? 0 : in.deleteMessageDays();
        if (in.deleteMessageDays() != null && type != CaseType.BAN) {
            errors.add(new FieldError("deleteMessageDays", "only a ban deletes messages"));
        } else if (deleteDays < 0 || deleteDays > 7) {
            errors.add(new FieldError("deleteMessageDays", "must be from 0 to 7"));
        }

        boolean observed = Boolean.TRUE.equals(in.observed());
        String moderator = actor == null ? null : actor.id();
        if (observed) {
            if (type != null && !type.observable()) {
                errors.add(new FieldError("type", "only ban, unban, kick, timeout and untimeout can be observed on the platform"));
            }
            if (in.platformRef() == null || in.platformRef().isBlank() || in.platformRef().length() > 100) {
                errors.add(new FieldError("platformRef", "an observed action needs the platform's audit-entry id (1 to 100 characters)"));
            }
            if (in.moderator() != null) {
                if (!ChatId.isValid(in.moderator()) || !ChatId.platformOf(in.moderator()).equals(platform)) {
                    errors.add(new FieldError("moderator", "must be a " + platform + " user"));
                } else if (actor != null && !in.moderator().equals(actor.id())) {
                    // an acting user reports what they did themselves; only the platform key reports others' actions
                    errors.add(new FieldError("moderator", "is the actor (X-Actor-Id) when a chat user reports the action"));
                } else {
                    moderator = in.moderator();
                }
            }
        } else {
            if (in.platformRef() != null) errors.add(new FieldError("platformRef", "only an observed action has one"));
            if (in.moderator() != null) errors.add(new FieldError("moderator", "is the actor (X-Actor-Id) unless the action was observed"));
        }
        if ((in.channel() == null) != (in.messageId() == null)) {
            errors.add(new FieldError(in.channel() == null ? "channel" : "messageId", "channel and messageId go together"));
        } else if (in.channel() != null && (observed || in.channel().length() > 64 || in.messageId().length() > 64)) {
            errors.add(new FieldError("messageId", observed ? "an observed action deletes nothing" : "must be at most 64 characters"));
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        Hierarchy.Target target = new Hierarchy.Target(in.targetUser(), Boolean.TRUE.equals(in.targetOwner()),
                in.targetTopRole() == null ? 0 : in.targetTopRole(), Boolean.TRUE.equals(in.targetBot()));
        return new NewCase(type, target, reason, duration, deleteDays, observed,
                observed ? in.platformRef().trim() : null, moderator, in.channel(), in.messageId());
    }
}
