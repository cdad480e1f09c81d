package dev.guildhall.discord.api;

import java.util.Set;
import java.util.TreeSet;

/**
 * The chat user the bot acts for, sent as the {@code X-Actor-*} headers.
 *
 * @param id          {@code discord:<user id>}
 * @param name        display name
 * @param permissions core-api permission names the member really has in the guild
 * @param owner       owns the guild
 * @param topRole     position of the member's highest role (0 = only @everyone)
 */
public record ActorInfo(String id, String name, Set<String> permissions, boolean owner, int topRole) {
    public ActorInfo {
        permissions = Set.copyOf(new TreeSet<>(permissions));
    }
}
