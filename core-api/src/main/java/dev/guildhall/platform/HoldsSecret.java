package dev.guildhall.platform;

/**
 * An answer that shows a secret once (an API key's, a webhook's signing secret). Whatever keeps answers for later
 * — the Idempotency-Key record, whose replay answers again — keeps {@link #withoutSecret} instead, so the secret is
 * never stored in plaintext and a replay never shows it again (DESIGN §9).
 */
public interface HoldsSecret {

    /** The same answer with the secret left out. */
    Object withoutSecret();
}
