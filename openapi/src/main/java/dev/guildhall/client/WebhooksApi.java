package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.client.model.NewWebhook;
import dev.guildhall.client.model.Page;
import dev.guildhall.client.model.Webhook;

import static dev.guildhall.client.Endpoints.*;

/** Third-party webhooks (an app key with {@code webhooks:write}). */
public final class WebhooksApi {

    private final Transport t;

    WebhooksApi(Transport t) { this.t = t; }

    public Webhook create(NewWebhook webhook, CallOptions options) {
        return t.sendBody(CREATE_WEBHOOK, webhook, t.type(Webhook.class), options);
    }

    public Page<Webhook> list(ListOptions list, CallOptions options) {
        return t.send(LIST_WEBHOOKS, new Object[0], ListOptions.orDefaults(list).query(), null, Transport.JSON, t.pageOf(Webhook.class), options);
    }

    public void delete(String id, CallOptions options) {
        t.send(DELETE_WEBHOOK, null, options, id);
    }

    /** Delivery attempts of a webhook, newest first (open-ended items). */
    public Page<JsonNode> deliveries(String id, ListOptions list, CallOptions options) {
        return t.send(WEBHOOK_DELIVERIES, new Object[]{id}, ListOptions.orDefaults(list).query(), null, Transport.JSON,
                t.pageOf(JsonNode.class), options);
    }
}
