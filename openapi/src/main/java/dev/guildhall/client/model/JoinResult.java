package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Actions for a join (welcome message, auto-role, raid alert) and whether a raid is under way. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinResult(List<PlatformAction> actions, boolean raid) {

    public JoinResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
