package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.model.ClaimRequest;
import dev.guildhall.client.model.PlatformAction;

import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.client.Endpoints.ACK_ACTION;
import static dev.guildhall.client.Endpoints.CLAIM_ACTIONS;

/**
 * Deferred platform actions (temp-ban expiry …) for adapters: claim leases a batch, ack marks one
 * done; an action not acked before its lease ends is handed out again (at least once).
 */
public final class ActionsApi {

    private final Transport t;

    ActionsApi(Transport t) { this.t = t; }

    /** Leases up to {@code limit} actions for {@code platform} ({@code discord} or {@code slack}) for the server's default lease. */
    public List<PlatformAction> claim(String platform, int limit, CallOptions options) {
        return claim(platform, limit, null, options);
    }

    /**
     * Leases up to {@code limit} actions for {@code leaseSeconds} (null: the server's default); an action
     * not acked within its lease is handed out again. Each answer item is flattened to one
     * {@link PlatformAction}: the action's own fields plus {@code id}, {@code server}, {@code caseNumber}, {@code attempts}.
     */
    public List<PlatformAction> claim(String platform, int limit, Integer leaseSeconds, CallOptions options) {
        JsonNode answer = t.sendBody(CLAIM_ACTIONS, new ClaimRequest(limit, leaseSeconds), t.type(JsonNode.class), options, platform);
        // Tolerant: a bare array or a page-like {"items":[…]}.
        JsonNode items = answer == null ? null : answer.isArray() ? answer : answer.get("items");
        List<PlatformAction> actions = new ArrayList<>();
        if (items == null || items.isNull()) return actions;
        if (!items.isArray()) {
            throw new GuildhallException("Unreadable answer from " + CLAIM_ACTIONS + ": no action list", null, null);
        }
        items.forEach(node -> actions.add(PlatformAction.of(flatten(node))));
        return actions;
    }

    /** {@code {"id":"42","server":…,"action":{"type":"unban",…}}} becomes {@code {"type":"unban",…,"id":"42","server":…}}. */
    private static JsonNode flatten(JsonNode item) {
        JsonNode action = item.get("action");
        if (action == null || !action.isObject()) return item;
        com.fasterxml.jackson.databind.node.ObjectNode flat = ((com.fasterxml.jackson.databind.node.ObjectNode) action).deepCopy();
        item.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("action")) flat.set(e.getKey(), e.getValue());
        });
        return flat;
    }

    public void ack(String platform, String actionId, CallOptions options) {
        t.send(ACK_ACTION, null, options, platform, actionId);
    }
}
