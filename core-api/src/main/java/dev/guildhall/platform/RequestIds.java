package dev.guildhall.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: accepted when it looks sane, generated otherwise, echoed on every answer,
 * put in the log context and passed on (webhooks, adapters) through {@link #current}.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "guildhall.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        String id = idFor(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
        // set by the auth filter once the key is known; never let a previous request's values show
        MDC.remove("key");
        MDC.remove("actor");
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** The caller's id where it looks sane, a new one otherwise: one rule for every answer that carries an id. */
    static String idFor(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : newId();
    }

    /**
     * A random (version 4) UUID from {@link ThreadLocalRandom}: a request id has to be unique, not unguessable, and
     * {@link UUID#randomUUID()}'s SecureRandom was 2 % of the messages/check early exit's CPU (bench/RESULTS.md, run 15).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(3L << 62) | 1L << 63; // the IETF variant
        return new UUID(high, low).toString();
    }

    public static String current(ContainerRequestContext request) {
        Object id = request == null ? null : request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }
}
