package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Something the adapter must do on the chat platform: {@code ban}, {@code unban}, {@code kick},
 * {@code timeout}, {@code delete}, {@code dm}, {@code log}, {@code role} … The common parts are typed;
 * the rest of the payload ({@code deleteMessageDays}, {@code text}, {@code channel}, {@code message} …)
 * is read from {@link #fields()}, so new action kinds and fields never break the client.
 * Deferred actions (from claim) also carry an {@code id} to ack and their {@code server}.
 */
public final class PlatformAction {

    private final ObjectNode fields;

    private PlatformAction(ObjectNode fields) {
        this.fields = fields;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PlatformAction of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a platform action is a JSON object, got " + json);
        }
        return new PlatformAction(((ObjectNode) json).deepCopy());
    }

    /** For tests and fakes: an action of a type for a user. */
    public static PlatformAction of(String type, String user) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", type);
        if (user != null) node.put("user", user);
        return new PlatformAction(node);
    }

    /** The id to ack; present on deferred (claimed) actions only. */
    public String id() { return text("id"); }

    public String type() { return text("type"); }

    /** The target user, {@code platform:userId}, when the action has one. */
    public String user() { return text("user"); }

    /** The server the action belongs to; present on claimed actions. */
    public String server() { return text("server"); }

    /** A text field of the payload, or null. */
    public String text(String name) {
        JsonNode v = fields.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Any field of the payload, or null. */
    public JsonNode get(String name) {
        return fields.get(name);
    }

    /** The whole payload (a copy). */
    @JsonValue
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlatformAction other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields);
    }

    @Override
    public String toString() {
        return "PlatformAction" + fields;
    }
}
