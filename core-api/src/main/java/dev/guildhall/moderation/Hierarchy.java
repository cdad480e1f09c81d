package dev.guildhall.moderation;

import dev.guildhall.auth.Actor;
import dev.guildhall.platform.ProblemException;

/**
 * Who may act on whom (DESIGN §6): the actor needs the action's permission; nobody acts on
 * themselves, the server owner or the bot; and unless the actor owns the server, their top role
 * must be strictly above the target's. Plain Java, so the rule is tested without HTTP.
 */
public final class Hierarchy {

    /** What the adapter knows of the target: owner flag, top role position, whether it is the bot. */
    public record Target(String user, boolean owner, int topRole, boolean bot) {}

    private Hierarchy() {}

    /** Throws a 403 problem naming the reason when {@code actor} may not do {@code type} to {@code target}. */
    public static void check(Actor actor, CaseType type, Target target, String serverOwner) {
        if (!actor.has(type.permission())) {
            throw ProblemException.forbidden("You need the " + type.permission() + " permission to " + type.value());
        }
        if (actor.id().equals(target.user())) {
            throw ProblemException.forbidden("You cannot " + type.value() + " yourself");
        }
        if (target.owner() || target.user().equals(serverOwner)) {
            throw ProblemException.forbidden("Nobody can " + type.value() + " the server owner");
        }
        if (target.bot()) {
            throw ProblemException.forbidden("The bot cannot " + type.value() + " itself");
        }
        if (!actor.owner() && actor.topRole() <= target.topRole()) {
            throw ProblemException.forbidden("Your top role (" + actor.topRole() + ") must be above the target's ("
                    + target.topRole() + ") to " + type.value() + " them");
        }
    }
}
