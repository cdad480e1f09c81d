package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer to creating a case: the case, the automatic escalation case it triggered (or null),
 * and the platform actions the adapter must carry out, in order.
 * ({@code case} is a Java keyword, hence {@code moderationCase()}.)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseResult(@JsonProperty("case") Case moderationCase, Case escalation, List<PlatformAction> actions,
                         Boolean recorded) {

    public CaseResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public CaseResult(Case moderationCase, Case escalation, List<PlatformAction> actions) {
        this(moderationCase, escalation, actions, null);
    }

    /** False when an observed action was already on file and no new case was opened. */
    public boolean isNew() {
        return !Boolean.FALSE.equals(recorded);
    }
}
