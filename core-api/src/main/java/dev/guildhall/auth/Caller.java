package dev.guildhall.auth;

import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, set once per request by {@link AuthFilter}: the key and, for platform keys,
 * the chat user it acts for. Resources ask it the access questions; it answers with 403/400 problems.
 */
@RequestScoped
public class Caller {

    /**
     * What the auth filter knows of a valid key. Cached, so it holds no entity. {@code platform}: the platform a
     * platform key is bound to, or null for an unbound key (both platforms, as keys made before binding existed).
     */
    public record Key(UUID id, String name, KeyKind kind, Set<String> scopes, Set<String> servers, String platform) {

        /** Whether this key may act on {@code platform}'s servers and actions at all. */
        public boolean reaches(String platform) {
            return this.platform == null || this.platform.equals(platform);
        }
    }

    private Key key;
    private Actor actor;
    private String method;
    private String path;
    private String idempotencyKey;

    void set(Key key, Actor actor, String method, String path, String idempotencyKey) {
        this.key = key;
        this.actor = actor;
        this.method = method;
        this.path = path;
        this.idempotencyKey = idempotencyKey;
    }

    public String method() { return method; }

    public String path() { return path; }

    /** The {@code Idempotency-Key} header of this call, if any. */
    public String idempotencyKey() { return idempotencyKey; }

    public Key key() {
        if (key == null) throw ProblemException.unauthorized("Send an API key as 'Authorization: Bearer <key>'");
        return key;
    }

    public UUID keyId() {
        return key().id();
    }

    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    /** The acting chat user, or 400 when the call needs one and none was sent. */
    public Actor requireActor() {
        if (actor == null) {
            throw ProblemException.badRequest("actor-required",
                    "This call acts for a chat user: a platform key must send X-Actor-Id");
        }
        return actor;
    }

    /** The actor id when present, otherwise null (the platform or app itself). */
    public String actorId() {
        return actor == null ? null : actor.id();
    }

    public void requireAdmin() {
        if (key().kind() != KeyKind.ADMIN) throw ProblemException.forbidden("This call needs an admin key");
    }

    /** Reading a server's data: admin and platform keys, or an app key listing this server and scope. */
    public void requireRead(String server, Scope scope) {
        ChatId.parse("server", server);
        Key k = key();
        checkServer(k, server);
        if (k.kind() == KeyKind.APP && !k.scopes().contains(scope.value())) {
            throw ProblemException.forbidden("This key lacks the scope " + scope.value());
        }
    }

    /** Changing a server's data: platform keys only (admins manage keys; apps read). */
    public void requireWrite(String server) {
        ChatId.parse("server", server);
        Key k = key();
        if (k.kind() != KeyKind.PLATFORM) {
            throw ProblemException.forbidden("Only platform keys change server data; this is a "
                    + k.kind().name().toLowerCase() + " key");
        }
        checkServer(k, server);
        if (actor != null && !ChatId.platformOf(actor.id()).equals(ChatId.platformOf(server))) {
            throw ProblemException.invalid("X-Actor-Id", "must be a user of the server's platform ("
                    + ChatId.platformOf(server) + ")");
        }
    }

    /** The actor must hold {@code permission} in the server (owners hold every permission). */
    public Actor requirePermission(Permission permission) {
        Actor a = requireActor();
        if (!a.has(permission)) {
            throw ProblemException.forbidden("You need the " + permission + " permission for this");
        }
        return a;
    }

    private static void checkServer(Key k, String server) {
        if (k.kind() == KeyKind.ADMIN) return;
        if (!k.reaches(ChatId.platformOf(server))) {
            throw ProblemException.forbidden("This key is bound to " + k.platform() + " and may not act on server " + server);
        }
        boolean listed = k.servers().contains(server);
        if (k.kind() == KeyKind.APP ? !listed : !k.servers().isEmpty() && !listed) {
            throw ProblemException.forbidden("This key is not allowed on server " + server);
        }
    }
}
