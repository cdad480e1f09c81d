package dev.guildhall.slack.actors;

import dev.guildhall.slack.core.Call;

import java.util.Set;

/**
 * A Slack user as core-api sees them: {@code slack:U…}, a display name, the Guildhall permissions
 * their Slack standing gives, whether they are the workspace's primary owner, and a rank standing in
 * for Discord's role position (primary owner 4, owner 3, admin 2, moderator group 1, member 0).
 */
public record SlackActor(String userId, String name, Set<String> permissions, boolean owner, int rank) {

    public static final Set<String> MODERATOR = Set.of("MODERATE_MEMBERS", "KICK_MEMBERS", "BAN_MEMBERS", "MANAGE_MESSAGES");
    public static final Set<String> ADMIN = Set.of("MANAGE_SERVER", "MODERATE_MEMBERS", "KICK_MEMBERS", "BAN_MEMBERS",
            "MANAGE_MESSAGES");

    public String chatId() {
        return "slack:" + userId;
    }

    public Call call(String idempotencyKey, String requestId) {
        return new Call(chatId(), name, permissions, owner, rank, idempotencyKey, requestId);
    }

    /** Someone whose standing could not be read: no permissions. */
    public static SlackActor plain(String userId, String name) {
        return new SlackActor(userId, name, Set.of(), false, 0);
    }
}
