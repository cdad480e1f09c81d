package dev.guildhall.platform;

import dev.guildhall.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies the per-key and per-(key, actor) limits to every authenticated {@code /v1} call and answers with the
 * {@code RateLimit-*} headers of the tighter one; over the limit it is 429 with Retry-After. An actor's bucket is
 * per key (DESIGN §9): one key's traffic can never lock a user out on another key's servers. Decided from memory
 * while this instance holds tokens; only a request that finds them spent waits for a reservation, off its thread.
 */
public class RateLimitFilter {

    private static final String PROPERTY = "guildhall.rateLimit";
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Inject
    Caller caller;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<Void> limit(ContainerRequestContext request) {
        if (!config.enabled() || !request.getUriInfo().getPath().startsWith("/v1/")) return DONE;
        Caller.Key key = caller.key();
        int keyLimit = switch (key.kind()) {
            case ADMIN -> config.admin();
            case PLATFORM -> config.platform();
            case APP -> config.app();
        };
        if (keyLimit <= 0) return byActor(request, null);
        String bucket = "key:" + key.id();
        RateLimiter.Decision byKey = limiter.tryAcquire(bucket, keyLimit, config.windowSeconds());
        if (byKey != null) return byActor(request, byKey);
        return limiter.acquire(bucket, keyLimit, config.windowSeconds()).flatMap(d -> byActor(request, d));
    }

    /** The actor's limit on this key, when there is one and the key's own limit let the call through. */
    private Uni<Void> byActor(ContainerRequestContext request, RateLimiter.Decision byKey) {
        if (config.actor() <= 0 || caller.actor().isEmpty() || byKey != null && !byKey.allowed()) return settle(request, byKey);
        String bucket = "actor:" + caller.keyId() + ":" + caller.actor().get().id();
        RateLimiter.Decision byActor = limiter.tryAcquire(bucket, config.actor(), config.windowSeconds());
        if (byActor != null) return settle(request, tighter(byKey, byActor));
        return limiter.acquire(bucket, config.actor(), config.windowSeconds()).flatMap(d -> settle(request, tighter(byKey, d)));
    }

    private static RateLimiter.Decision tighter(RateLimiter.Decision byKey, RateLimiter.Decision byActor) {
        return byKey == null || !byActor.allowed() || byActor.remaining() < byKey.remaining() ? byActor : byKey;
    }

    private static Uni<Void> settle(ContainerRequestContext request, RateLimiter.Decision d) {
        if (d == null) return DONE;
        request.setProperty(PROPERTY, d);
        if (!d.allowed()) {
            throw ProblemException.tooManyRequests("rate-limited",
                    "Too many requests: " + d.limit() + " per " + d.windowSeconds() + " s; try again in "
                            + d.resetSeconds() + " s", d.resetSeconds());
        }
        return DONE;
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof RateLimiter.Decision d) {
            response.getHeaders().putSingle("RateLimit-Limit", d.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", d.remaining());
            response.getHeaders().putSingle("RateLimit-Reset", d.resetSeconds());
            response.getHeaders().putSingle("RateLimit-Policy", d.limit() + ";w=" + d.windowSeconds());
        }
    }
}
