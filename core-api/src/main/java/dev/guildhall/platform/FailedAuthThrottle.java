package dev.guildhall.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed authentication (an unknown or revoked key) is throttled per client address, across instances (DESIGN §9):
 * {@code guildhall.rate-limit.failed-auth} failures per window, counted like every rate limit ({@link RateLimiter}).
 * Over that, the address is answered 429 with Retry-After until the window ends. A request without any key is
 * refused with 401 but not counted: it guesses nothing and costs nothing.
 * <p>
 * What others at the same address (an office, a NAT, a bot's host) keep: a key this instance holds in memory as
 * valid, which is any key in use within the last second, such as a chat adapter's, is still served. Only keys that
 * would have to be read from the database are refused: looking keys up is what a guesser needs and what costs the
 * database, while a key in memory costs nothing, and a guess could match one only by being a key in use. A quiet
 * valid key sent from a throttled address waits for the window's end, at most {@code window-seconds}.
 * <p>
 * The client address is the connection's, or the one a trusted proxy forwarded when {@code quarkus.http.proxy.*}
 * says so: Quarkus applies those settings to the request before this reads it. An IPv6 client counts by its /64,
 * the network whose addresses it may use at will.
 */
@ApplicationScoped
public class FailedAuthThrottle {

    private static final String BUCKET = "auth-failed:";

    private final RateLimiter limiter;
    private final RateLimitConfig config;

    public FailedAuthThrottle(RateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    /** Who the request counts as: its client address, an IPv6 one by its /64. */
    public String clientOf(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        if (address == null) return "unknown";
        String ip = address.hostAddress();
        return client(ip != null ? ip : address.host());
    }

    /** An address as {@link SocketAddress#hostAddress()} writes it; IPv6 in full, eight groups. */
    static String client(String address) {
        String[] groups = address.split(":", -1);
        if (groups.length != 8 || address.startsWith("0:0:0:0:0:ffff:")) return address; // IPv4, or one mapped to IPv6
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }

    /** 429 when the client is over its budget: no key it sends is looked up then. */
    public void refuseIfOver(String client) {
        if (!on()) return;
        RateLimiter.Decision refused = limiter.refusal(BUCKET + client, config.windowSeconds());
        if (refused != null) throw tooMany(refused);
    }

    /** Counts a failed authentication: fails with {@code failure} (the 401) within the budget, with 429 over it. */
    public Uni<Void> failed(String client, ProblemException failure) {
        if (!on()) return Uni.createFrom().failure(failure);
        return limiter.acquire(BUCKET + client, config.failedAuth(), config.windowSeconds())
                .onItem().failWith(counted -> counted.allowed() ? failure : tooMany(counted)).replaceWithVoid();
    }

    private boolean on() {
        return config.enabled() && config.failedAuth() > 0;
    }

    private ProblemException tooMany(RateLimiter.Decision d) {
        return ProblemException.tooManyRequests("rate-limited", "Too many failed authentications from this address: "
                + d.limit() + " per " + d.windowSeconds() + " s; try again in " + d.resetSeconds() + " s", d.resetSeconds());
    }
}
