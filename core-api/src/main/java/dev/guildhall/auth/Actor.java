package dev.guildhall.auth;

import java.util.Set;

/**
 * The chat user a platform key acts for, as the adapter saw them: id ({@code discord:123}),
 * display name, permissions in the server, whether they own it, and their top role position.
 */
public record Actor(String id, String name, Set<Permission> permissions, boolean owner, int topRole) {

    public boolean has(Permission permission) {
        return owner || permissions.contains(permission);
    }
}
