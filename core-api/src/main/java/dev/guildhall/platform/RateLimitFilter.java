package dev.guildhall.platform;

import dev.guildhall.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies the per-key and per-actor limits to every authenticated {@code /v1} call and answers
 * with the {@code RateLimit-*} headers of the tighter one; over the limit it is 429 with Retry-After.
 */
public class RateLimitFilter {

    private static final String PROPERTY = "guildhall.rateLimit";

    @Inject
    Caller caller;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void limit(ContainerRequestContext request) {
        if (!config.enabled() || !request.getUriInfo().getPath().startsWith("/v1/")) return;
        Caller.Key key = caller.key();
        int keyLimit = switch (key.kind()) {
            case ADMIN -> config.admin();
            case PLATFORM -> config.platform();
            case APP -> config.app();
        };
        RateLimiter.Decision tightest = null;
        if (keyLimit > 0) {
            tightest = limiter.acquire("key:" + key.id(), keyLimit, config.windowSeconds());
        }
        if ((tightest == null || tightest.allowed()) && config.actor() > 0 && caller.actor().isPresent()) {
            RateLimiter.Decision actor = limiter.acquire("actor:" + caller.actor().get().id(), config.actor(), config.windowSeconds());
            if (tightest == null || !actor.allowed() || actor.remaining() < tightest.remaining()) tightest = actor;
        }
        if (tightest == null) return;
        request.setProperty(PROPERTY, tightest);
        if (!tightest.allowed()) {
            throw ProblemException.tooManyRequests("rate-limited",
                    "Too many requests: " + tightest.limit() + " per " + tightest.windowSeconds() + " s; try again in "
                            + tightest.resetSeconds() + " s", tightest.resetSeconds());
        }
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
