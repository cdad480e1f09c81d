package dev.guildhall.auth;

import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.FailedAuthThrottle;
import dev.guildhall.platform.Offload;
import dev.guildhall.platform.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every {@code /v1} call: the key from {@code Authorization: Bearer} or
 * {@code X-Api-Key}, and for platform keys the actor headers. Sets {@link Caller}.
 */
public class AuthFilter {

    public static final String ACTOR_ID = "X-Actor-Id";
    public static final String ACTOR_NAME = "X-Actor-Name";
    public static final String ACTOR_PERMISSIONS = "X-Actor-Permissions";
    public static final String ACTOR_OWNER = "X-Actor-Owner";
    public static final String ACTOR_TOP_ROLE = "X-Actor-Top-Role";

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Inject
    ApiKeyService keys;

    @Inject
    Caller caller;

    @Inject
    FailedAuthThrottle throttle;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, HttpServerRequest connection) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return DONE;
        }
        String secret = secretOf(request);
        if (secret == null) {
            throw ProblemException.unauthorized("Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
        }
        String hash = ApiKeyService.hash(secret);
        // A cached key needs no database, so an endpoint that runs on the event loop stays there
        Optional<Caller.Key> cached = keys.cached(hash);
        if (cached != null && cached.isPresent()) {
            admit(request, cached.get());
            return DONE;
        }
        // unknown keys count against the client's budget of failures, and over it no key is looked up
        String client = throttle.clientOf(connection);
        if (cached != null) return throttle.failed(client, unknownKey());
        throttle.refuseIfOver(client);
        return Offload.blocking(() -> keys.resolve(hash)).flatMap(key -> {
            if (key.isEmpty()) return throttle.failed(client, unknownKey());
            admit(request, key.get());
            return DONE;
        });
    }

    private static ProblemException unknownKey() {
        return ProblemException.unauthorized("This API key is unknown or revoked");
    }

    private void admit(ContainerRequestContext request, Caller.Key key) {
        Actor actor = actorOf(request, key);
        String idempotencyKey = request.getHeaderString("Idempotency-Key");
        caller.set(key, actor, request.getMethod(), request.getUriInfo().getPath(),
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim());
        MDC.put("key", key.name());
        if (actor != null) MDC.put("actor", actor.id());
    }

    private static String secretOf(ContainerRequestContext request) {
        String auth = request.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String s = auth.substring(7).trim();
            return s.isEmpty() ? null : s;
        }
        String apiKey = request.getHeaderString("X-Api-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    static Actor actorOf(ContainerRequestContext request, Caller.Key key) {
        String id = request.getHeaderString(ACTOR_ID);
        if (id == null || id.isBlank()) {
            return null;
        }
        if (key.kind() != KeyKind.PLATFORM) {
            throw ProblemException.forbidden("Only platform keys may act for a chat user (X-Actor-Id); this is an "
                    + key.kind().name().toLowerCase(Locale.ROOT) + " key");
        }
        ChatId.parse(ACTOR_ID, id.trim());
        String name = utf8(request.getHeaderString(ACTOR_NAME));
        if (name != null && name.length() > 100) {
            throw ProblemException.invalid(ACTOR_NAME, "must be at most 100 characters");
        }
        return new Actor(id.trim(), name == null || name.isBlank() ? id.trim() : name.trim(),
                permissions(request.getHeaderString(ACTOR_PERMISSIONS)),
                bool(ACTOR_OWNER, request.getHeaderString(ACTOR_OWNER)),
                topRole(request.getHeaderString(ACTOR_TOP_ROLE)));
    }

    /**
     * HTTP/1.1 header bytes reach us decoded as ISO-8859-1; chat display names are sent as UTF-8,
     * so undo that when the bytes form valid UTF-8 ("ZoÃ«" becomes "Zoë").
     */
    static String utf8(String header) {
        if (header == null || header.chars().allMatch(c -> c < 0x80)) return header;
        byte[] raw = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return header; // really Latin-1: keep it as it came
        }
    }

    static Set<Permission> permissions(String header) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        if (header == null || header.isBlank()) return set;
        for (String p : header.split(",")) {
            String name = p.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            try {
                set.add(Permission.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(ACTOR_PERMISSIONS, "unknown permission '" + p.trim()
                        + "'; known: " + java.util.Arrays.toString(Permission.values()));
            }
        }
        return set;
    }

    private static boolean bool(String header, String value) {
        if (value == null || value.isBlank()) return false;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.invalid(header, "must be true or false");
        };
    }

    private static int topRole(String value) {
        if (value == null || value.isBlank()) return 0;
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(ACTOR_TOP_ROLE, "must be a role position (a whole number, 0 or more)");
        }
    }
}
