package dev.guildhall.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * DESIGN §9: config never reads as on while it is off. A merge patch that gives a section's rules (automod's banned
 * words or spam windows, raid's thresholds, welcome's channel) switches that section on, unless the same patch says
 * {@code "enabled": false}: setting {@code "raid":{"joins":10,"seconds":10}} and reading the thresholds back with the
 * rule silently off misled moderators into trusting a rule that never ran. Plain Java, on the patch before it merges.
 */
final class RuleSwitches {

    /** The members of each switchable section that are rules (not exemptions, actions or texts). */
    private static final Map<String, List<String>> RULES = Map.of(
            "automod", List.of("bannedWords", "blockInvites", "allowedLinks", "maxMentions", "duplicateLimit",
                    "rateLimit", "capsRatio", "regexes"),
            "raid", List.of("joins", "seconds", "lockdown"),
            "welcome", List.of("channel"));

    private RuleSwitches() {}

    /** {@code patch} with {@code enabled: true} added to every section it gives a rule for without saying enabled. */
    static JsonNode switchOn(JsonNode patch) {
        if (!patch.isObject()) return patch;
        ObjectNode result = null;
        for (Map.Entry<String, List<String>> section : RULES.entrySet()) {
            JsonNode given = patch.get(section.getKey());
            if (given == null || !given.isObject() || given.has("enabled")) continue;
            if (section.getValue().stream().noneMatch(rule -> gives(given.get(rule)))) continue;
            if (result == null) result = ((ObjectNode) patch).deepCopy();
            ((ObjectNode) result.get(section.getKey())).put("enabled", true);
        }
        return result == null ? patch : result;
    }

    /** Whether a patched member sets a rule: not absent, null (reset), false or empty. */
    private static boolean gives(JsonNode value) {
        return value != null && !value.isNull() && !(value.isBoolean() && !value.booleanValue())
                && !(value.isContainerNode() && value.isEmpty());
    }
}
