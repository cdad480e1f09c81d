package dev.guildhall.discord;

import dev.guildhall.discord.api.ActorInfo;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Actor headers from the member's real guild permissions (roles, administrator) and the position of
 * their highest role — never from anything the user typed.
 */
public final class Actors {

    /** Discord permission → the name core-api knows (DESIGN §4). */
    static final Map<Permission, String> PERMISSIONS = new LinkedHashMap<>();

    static {
        PERMISSIONS.put(Permission.MANAGE_SERVER, "MANAGE_SERVER");
        PERMISSIONS.put(Permission.MODERATE_MEMBERS, "MODERATE_MEMBERS");
        PERMISSIONS.put(Permission.KICK_MEMBERS, "KICK_MEMBERS");
        PERMISSIONS.put(Permission.BAN_MEMBERS, "BAN_MEMBERS");
        PERMISSIONS.put(Permission.MESSAGE_MANAGE, "MANAGE_MESSAGES");
    }

    private Actors() {}

    public static ActorInfo of(Member member) {
        Set<String> granted = new TreeSet<>();
        PERMISSIONS.forEach((p, name) -> {
            if (member.hasPermission(p)) granted.add(name); // includes ADMINISTRATOR and owner
        });
        return new ActorInfo(Ids.user(member.getIdLong()), member.getEffectiveName(), granted, member.isOwner(),
                topRole(member));
    }

    /** A user outside a guild context (no permissions). */
    public static ActorInfo of(User user) {
        return new ActorInfo(Ids.user(user.getIdLong()), user.getEffectiveName(), Set.of(), false, 0);
    }

    /** Discord's raw position of the member's highest role; 0 when they only have @everyone. */
    public static int topRole(Member member) {
        return member.getRoles().isEmpty() ? 0 : member.getRoles().get(0).getPositionRaw();
    }
}
