package dev.guildhall.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The chat user a platform key acts for, sent as the {@code X-Actor-*} headers.
 * Build with {@code Actor.of("discord:1", "Ann").permissions(Permission.BAN_MEMBERS).topRole(5)}.
 *
 * @param id          {@code platform:userId}
 * @param name        display name (shown in logs and mod-log posts); may be null
 * @param permissions what the user may do in this server
 * @param owner       whether the user owns the server
 * @param topRole     position of the user's highest role, or null when unknown
 */
public record Actor(String id, String name, Set<Permission> permissions, boolean owner, Integer topRole) {

    public Actor {
        Objects.requireNonNull(id, "id");
        permissions = permissions == null || permissions.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public static Actor of(String id, String name) {
        return new Actor(id, name, Set.of(), false, null);
    }

    public Actor permissions(Permission... granted) {
        return new Actor(id, name, granted.length == 0 ? Set.of() : EnumSet.of(granted[0], granted), owner, topRole);
    }

    public Actor permissions(Set<Permission> granted) {
        return new Actor(id, name, granted, owner, topRole);
    }

    public Actor owner(boolean isOwner) {
        return new Actor(id, name, permissions, isOwner, topRole);
    }

    public Actor topRole(Integer position) {
        return new Actor(id, name, permissions, owner, position);
    }
}
