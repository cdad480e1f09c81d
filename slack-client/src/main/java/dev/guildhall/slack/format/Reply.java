package dev.guildhall.slack.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Slack message: fallback {@code text} (notifications, screen readers) and Block Kit {@code blocks};
 * ephemeral when only the actor should see it; {@code replaceOriginal} when a button's answer should
 * replace the card it was clicked on.
 */
public record Reply(boolean ephemeral, String text, ArrayNode blocks, boolean replaceOriginal) {

    public Reply replacingOriginal() {
        return new Reply(ephemeral, text, blocks, true);
    }

    /** The body for a slash command's answer or a {@code response_url} post. */
    public ObjectNode toResponse() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("response_type", ephemeral ? "ephemeral" : "in_channel");
        node.put("text", text);
        if (blocks != null && !blocks.isEmpty()) node.set("blocks", blocks);
        if (replaceOriginal) node.put("replace_original", true);
        return node;
    }

    /** The arguments for {@code chat.postMessage} to {@code channel}. */
    public ObjectNode toPostMessage(String channel) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("channel", channel);
        node.put("text", text);
        if (blocks != null && !blocks.isEmpty()) node.set("blocks", blocks);
        return node;
    }
}
