package dev.guildhall.discord.api;

/**
 * Per-call metadata: who acts (null = the bot itself), the Idempotency-Key (the interaction or
 * event id) and the request id that ties the bot's log lines to core-api's.
 */
public record CallContext(ActorInfo actor, String idempotencyKey, String requestId) {

    public static CallContext system(String idempotencyKey, String requestId) {
        return new CallContext(null, idempotencyKey, requestId);
    }

    public CallContext withIdempotencyKey(String key) {
        return new CallContext(actor, key, requestId);
    }
}
