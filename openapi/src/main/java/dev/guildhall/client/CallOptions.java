package dev.guildhall.client;

/**
 * Per-call options: who acts, the {@code Idempotency-Key} and the {@code X-Request-Id}.
 * Immutable; each method returns a copy. Typical adapter use:
 * {@code CallOptions.as(actor).idempotencyKey(interactionId).requestId(rid)}.
 * Without a request id the client makes one per call (kept the same across retries).
 */
public record CallOptions(Actor actor, String idempotencyKey, String requestId) {

    private static final CallOptions NONE = new CallOptions(null, null, null);

    /** No actor, no idempotency key, a generated request id: third-party apps and admin calls. */
    public static CallOptions none() {
        return NONE;
    }

    public static CallOptions as(Actor actor) {
        return new CallOptions(actor, null, null);
    }

    public CallOptions actor(Actor who) {
        return new CallOptions(who, idempotencyKey, requestId);
    }

    /** Makes a POST safe to retry: core-api answers a replay with the first response. */
    public CallOptions idempotencyKey(String key) {
        return new CallOptions(actor, key, requestId);
    }

    public CallOptions requestId(String id) {
        return new CallOptions(actor, idempotencyKey, id);
    }
}
