package dev.guildhall.slack.core;

import java.util.Set;

/**
 * Who a call is made for and how: the Slack user as core-api's actor ({@code slack:U…}), their
 * permissions, the Slack trigger or event id as {@code Idempotency-Key}, and the request id.
 */
public record Call(String actorId, String actorName, Set<String> permissions, boolean owner, int topRole,
                   String idempotencyKey, String requestId) {

    public Call {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    /** A call without an actor (workspace registration, events, the action drain). */
    public static Call system(String idempotencyKey, String requestId) {
        return new Call(null, null, Set.of(), false, 0, idempotencyKey, requestId);
    }
}
