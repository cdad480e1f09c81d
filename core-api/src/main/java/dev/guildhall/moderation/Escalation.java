package dev.guildhall.moderation;

import dev.guildhall.server.ServerConfig.EscalationStep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The escalation policy (DESIGN §6): after a warning, the step with the most warnings among those
 * whose count is reached inside the step's own window applies. Only warnings inside the window
 * count, so warnings decay. "Reached" is {@code >=}, so a policy added or changed while a member
 * already has warnings still applies at their next warning, and continued warnings keep escalating.
 */
public final class Escalation {

    private Escalation() {}

    /** The widest window of the policy: how far back the warnings must be fetched. */
    public static Duration lookBack(List<EscalationStep> steps) {
        int days = steps.stream().mapToInt(EscalationStep::withinDays).max().orElse(0);
        return Duration.ofDays(days);
    }

    /**
     * @param warnings the target's warning times (including the one just given), at least those within {@link #lookBack}
     */
    public static Optional<EscalationStep> stepFor(List<EscalationStep> steps, List<Instant> warnings, Instant now) {
        EscalationStep chosen = null;
        for (EscalationStep step : steps) {
            Instant since = now.minus(Duration.ofDays(step.withinDays()));
            long count = warnings.stream().filter(t -> t.isAfter(since)).count();
            if (count >= step.warns() && (chosen == null || step.warns() > chosen.warns())) {
                chosen = step;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
