package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Automod's verdict (allow, delete, warn, timeout), the rule that fired (or null) and the actions to carry out. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckResult(String verdict, String rule, List<PlatformAction> actions) {

    public CheckResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public boolean allowed() {
        return "allow".equals(verdict);
    }
}
