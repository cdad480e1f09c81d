package dev.guildhall.client.model;

import java.util.List;

/** Body of {@code POST /v1/servers/{server}/messages/check}: one chat message to judge. */
public record MessageCheck(String messageId, String channel, Author author, String content, int mentions) {

    /** The message's author and their role ids (for exempt roles). */
    public record Author(String user, List<String> roles) {}
}
