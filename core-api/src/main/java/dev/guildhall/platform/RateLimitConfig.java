package dev.guildhall.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Requests per window: per API key by kind, and per chat user acted for on one key. 0 turns a limit off.
 * Platform keys carry whole communities, so their key limit is high and the actor limit does the work.
 * Failed authentications (an unknown or revoked key) per client address per window ({@link FailedAuthThrottle}).
 */
@ConfigMapping(prefix = "guildhall.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("60")
    int windowSeconds();

    @WithDefault("600")
    int admin();

    @WithDefault("60000")
    int platform();

    @WithDefault("600")
    int app();

    @WithDefault("120")
    int actor();

    /** Enough for an operator's typos and a bot retrying a revoked key for a while; far too few to guess with. */
    @WithDefault("20")
    int failedAuth();
}
