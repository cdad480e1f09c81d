package dev.guildhall.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.guildhall.platform.Durations;
import dev.guildhall.platform.ProblemException.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A server's settings, as {@code GET/PATCH /v1/servers/{server}/config} shows them. Every field
 * always has a value (defaults filled in); a merge patch with {@code null} resets a field to its default.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerConfig(
        Features features,
        Automod automod,
        List<EscalationStep> escalation,
        Welcome welcome,
        Raid raid,
        @Schema(nullable = true, description = "Where case logs go; null: nowhere") String modLogChannel,
        Cooldowns cooldowns) {

    public record Features(boolean wars, boolean moderation) {}

    /** Message-count window: {@code count} messages within {@code seconds}. */
    public record Window(int count, int seconds) {}

    /**
     * {@code allowedLinks} null means links are not checked; a list (even empty) allows only links to
     * those hosts and their subdomains. {@code timeout} is how long the {@code timeout} action lasts.
     */
    public record Automod(boolean enabled, List<String> bannedWords, boolean blockInvites,
                          @Schema(nullable = true, description = "Hosts links may point to; null: links are not checked") List<String> allowedLinks,
                          @Schema(nullable = true, description = "Most mentions in one message; null: no limit") Integer maxMentions,
                          @Schema(nullable = true, description = "The same message repeated; null: not checked") Window duplicateLimit,
                          @Schema(nullable = true, description = "Messages by one author; null: not checked") Window rateLimit,
                          @Schema(nullable = true, description = "Share of capitals, 0.1 to 1.0; null: not checked") Double capsRatio,
                          List<String> regexes,
                          List<String> exemptRoles, List<String> exemptChannels, String action,
                          String timeout) {}

    /** {@code warns} warnings within {@code withinDays} days lead to {@code action} (for {@code duration}). */
    public record EscalationStep(int warns, int withinDays, String action,
                                 @Schema(nullable = true, description = "Required for timeout; a ban without one is permanent; null for kick") String duration) {}

    public record Welcome(boolean enabled, @Schema(nullable = true) String channel, String template,
                          @Schema(nullable = true, description = "Given to each new member; null: none") String role) {}

    /** {@code joins} joins within {@code seconds} is a raid; {@code lockdown} asks the adapter to lock the server. */
    public record Raid(boolean enabled, int joins, int seconds, boolean lockdown) {}

    /** Per-player cooldowns, each a duration or null (off). */
    public record Cooldowns(@Schema(nullable = true, description = "Between two wars one player creates; null: off") String warCreate) {
        public Duration warCreateDuration() {
            return warCreate == null ? null : Durations.parse(warCreate);
        }
    }

    public static final ServerConfig DEFAULT = new ServerConfig(
            new Features(true, true),
            new Automod(false, List.of(), false, null, null, null, null, null, List.of(), List.of(), List.of(), "delete", "10m"),
            List.of(),
            new Welcome(false, null, "Welcome {user} to {server}!", null),
            new Raid(false, 10, 10, false),
            null,
            new Cooldowns(null));

    private static final Set<String> AUTOMOD_ACTIONS = Set.of("delete", "warn", "timeout");
    private static final Set<String> ESCALATION_ACTIONS = Set.of("timeout", "kick", "ban");

    /** Everything wrong with this config, field by field; empty when it is valid. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        Automod a = automod;
        list(errors, "automod.bannedWords", a.bannedWords(), 1000, 100);
        list(errors, "automod.allowedLinks", a.allowedLinks(), 200, 253);
        list(errors, "automod.regexes", a.regexes(), 50, 500);
        list(errors, "automod.exemptRoles", a.exemptRoles(), 100, 64);
        list(errors, "automod.exemptChannels", a.exemptChannels(), 100, 64);
        if (a.maxMentions() != null && (a.maxMentions() < 1 || a.maxMentions() > 100)) {
            errors.add(new FieldError("automod.maxMentions", "must be from 1 to 100, or null for no limit"));
        }
        window(errors, "automod.duplicateLimit", a.duplicateLimit());
        window(errors, "automod.rateLimit", a.rateLimit());
        // written as "not within" so that a NaN, for which every comparison is false, cannot pass
        if (a.capsRatio() != null && !(a.capsRatio() >= 0.1 && a.capsRatio() <= 1.0)) {
            errors.add(new FieldError("automod.capsRatio", "must be from 0.1 to 1.0, or null for no limit"));
        }
        if (a.action() == null || !AUTOMOD_ACTIONS.contains(a.action())) {
            errors.add(new FieldError("automod.action", "must be one of [delete, warn, timeout]"));
        }
        duration(errors, "automod.timeout", a.timeout(), Duration.ofSeconds(1), Duration.ofDays(28), true);
        regexes(errors, a.regexes());
        if (escalation.size() > 10) {
            errors.add(new FieldError("escalation", "at most 10 steps"));
        }
        for (int i = 0; i < escalation.size(); i++) {
            EscalationStep s = escalation.get(i);
            String f = "escalation[" + i + "]";
            if (s == null) {
                errors.add(new FieldError(f, "must be an object"));
                continue;
            }
            if (s.warns() < 1 || s.warns() > 100) errors.add(new FieldError(f + ".warns", "must be from 1 to 100"));
            if (s.withinDays() < 1 || s.withinDays() > 365) errors.add(new FieldError(f + ".withinDays", "must be from 1 to 365"));
            if (s.action() == null || !ESCALATION_ACTIONS.contains(s.action())) {
                errors.add(new FieldError(f + ".action", "must be one of [timeout, kick, ban]"));
            } else if ("timeout".equals(s.action()) || s.duration() != null) {
                Duration max = "timeout".equals(s.action()) ? Duration.ofDays(28) : Duration.ofDays(3650);
                duration(errors, f + ".duration", s.duration(), Duration.ofSeconds(1), max, "timeout".equals(s.action()));
            }
        }
        if (welcome.template() == null || welcome.template().isBlank() || welcome.template().length() > 2000) {
            errors.add(new FieldError("welcome.template", "must be 1 to 2000 characters"));
        }
        text(errors, "welcome.channel", welcome.channel());
        text(errors, "welcome.role", welcome.role());
        if (welcome.enabled() && welcome.channel() == null) {
            errors.add(new FieldError("welcome.channel", "is needed when welcome is enabled"));
        }
        if (raid.joins() < 2 || raid.joins() > 1000) errors.add(new FieldError("raid.joins", "must be from 2 to 1000"));
        if (raid.seconds() < 1 || raid.seconds() > 3600) errors.add(new FieldError("raid.seconds", "must be from 1 to 3600"));
        text(errors, "modLogChannel", modLogChannel);
        duration(errors, "cooldowns.warCreate", cooldowns.warCreate(), Duration.ofSeconds(1), Duration.ofDays(1), false);
        return errors;
    }

    private static void list(List<FieldError> errors, String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) return;
        if (values.size() > maxItems) errors.add(new FieldError(field, "at most " + maxItems + " entries"));
        for (String v : values) {
            if (v == null || v.isBlank() || v.length() > maxLength) {
                errors.add(new FieldError(field, "entries must be 1 to " + maxLength + " characters"));
                return;
            }
        }
    }

    /**
     * Automod regexes must compile on RE2/J, the linear-time engine they run on, within the server's
     * {@link RegexBudget}: a bad or too costly one is refused here, not per message.
     */
    private static void regexes(List<FieldError> errors, List<String> regexes) {
        if (regexes == null || regexes.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 500)) {
            return; // reported by list()
        }
        errors.addAll(RegexBudget.problems(regexes));
    }

    private static void window(List<FieldError> errors, String field, Window w) {
        if (w == null) return;
        if (w.count() < 2 || w.count() > 100) errors.add(new FieldError(field + ".count", "must be from 2 to 100"));
        if (w.seconds() < 1 || w.seconds() > 3600) errors.add(new FieldError(field + ".seconds", "must be from 1 to 3600"));
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value != null && (value.isBlank() || value.length() > 64)) {
            errors.add(new FieldError(field, "must be 1 to 64 characters, or null"));
        }
    }

    private static void duration(List<FieldError> errors, String field, String value, Duration min, Duration max, boolean required) {
        if (value == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return;
        }
        try {
            Duration d = Durations.parse(value);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                errors.add(new FieldError(field, "must be between " + Durations.format(min) + " and " + Durations.format(max)));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }
}
