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

    /** Leases up to {@code limit} actions for {@code platform} ({@code discord} or {@code slack}). */
    public List<PlatformAction> claim(String platform, int limit, CallOptions options) {
        JsonNode answer = t.sendBody(CLAIM_ACTIONS, new ClaimRequest(limit), t.type(JsonNode.class), options, platform);
        // Tolerant: a bare array or a page-like {"items":[…]}.
        JsonNode items = answer == null ? null : answer.isArray() ? answer : answer.get("items");
        List<PlatformAction> actions = new ArrayList<>();
        if (items == null || items.isNull()) return actions;
        if (!items.isArray()) {
            throw new GuildhallException("Unreadable answer from " + CLAIM_ACTIONS + ": no action list", null, null);
        }
        items.forEach(node -> actions.add(PlatformAction.of(node)));
        return actions;
    }

    public void ack(String platform, String actionId, CallOptions options) {
        t.send(ACK_ACTION, null, options, platform, actionId);
    }
}
