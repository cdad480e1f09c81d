package dev.guildhall.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.audit.AuditLog;
import dev.guildhall.auth.Actor;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.DatabaseBreaker;
import dev.guildhall.platform.Offload;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.ProblemMappers;
import dev.guildhall.platform.ShortCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers servers and keeps their config. Reads go through a {@link ShortCache} (read again in the background
 * after 0.4 s, expired after 0.8 s) so hot paths such as automod need no query, while a change made on any
 * instance is in force everywhere within a second.
 */
@ApplicationScoped
public class ServerService {

    public record Registration(ServerInfo server, boolean created) {}

    private final EntityManager em;
    private final ObjectMapper json;
    private final ObjectReader strictConfigReader;
    private final AuditLog audit;
    /** Registered servers only: an unknown one is read again, so a registration is seen at once. */
    private final ShortCache<String, ServerInfo> cache;

    public ServerService(EntityManager em, ObjectMapper json, AuditLog audit, TransactionSynchronizationRegistry transactions,
                         DatabaseBreaker database) {
        this.em = em;
        this.json = json;
        this.strictConfigReader = json.readerFor(ServerConfig.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.audit = audit;
        this.cache = new ShortCache<>(id -> load(id).orElse(null), transactions, database);
    }

    /**
     * Registers the server or updates its name and owner. {@code actor} is the chat user asking, or null when the
     * platform key reports the platform's own truth. An acting user changes the recorded owner only when they are the
     * owner (DESIGN §9): otherwise a MANAGE_SERVER member could name himself owner and become unmoderatable.
     */
    @Transactional
    public Registration register(String id, String name, String owner, Actor actor) {
        ChatId chatId = ChatId.parse("server", id);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1 to 100 characters");
        }
        if (owner != null) {
            ChatId o = ChatId.parse("owner", owner);
            if (!o.platform().equals(chatId.platform())) {
                throw ProblemException.invalid("owner", "must be a user of the server's platform (" + chatId.platform() + ")");
            }
        }
        if (actor != null && owner != null) requireOwnerToChangeOwner(id, owner, actor);
        Instant now = Instant.now();
        // insert, or update only what changed, in one statement, so two adapters registering at once both
        // succeed; an adapter re-registering after a restart changes nothing and writes no audit entry
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                insert into server (id, platform, name, owner, config, created_at, updated_at)
                values (:id, :platform, :name, :owner, cast(:config as jsonb), :now, :now)
                on conflict (id) do update set name = excluded.name,
                    owner = coalesce(excluded.owner, server.owner), updated_at = excluded.updated_at
                where server.name is distinct from excluded.name
                   or excluded.owner is not null and server.owner is distinct from excluded.owner
                returning (xmax = 0) as created""")
                .setParameter("id", id).setParameter("platform", chatId.platform())
                .setParameter("name", name.trim()).setParameter("owner", owner)
                .setParameter("config", write(ServerConfig.DEFAULT)).setParameter("now", now)
                .getResultList();
        boolean created = !rows.isEmpty() && (Boolean) rows.get(0);
        if (!rows.isEmpty()) {
            audit.record(id, actor == null ? null : actor.id(), created ? "server.registered" : "server.updated", id,
                    Map.of("name", name.trim(), "owner", owner == null ? "" : owner));
            cache.invalidate(id);
        }
        em.flush();
        em.clear();
        return new Registration(load(id).orElseThrow(), created);
    }

    /** 403 unless the owner stays as recorded or the acting user is the owner; the row is locked until the change commits. */
    private void requireOwnerToChangeOwner(String id, String owner, Actor actor) {
        @SuppressWarnings("unchecked")
        List<String> current = em.createNativeQuery("select owner from server where id = :id for update")
                .setParameter("id", id).getResultList();
        String recorded = current.isEmpty() ? null : current.get(0);
        if (owner.equals(recorded) || actor.owner() || actor.id().equals(recorded)) return;
        throw ProblemException.forbidden("Only the server's owner can name a new owner"
                + (recorded == null ? "" : " (the owner on record is " + recorded + ")"));
    }

    /** The server, from the short cache; unknown servers are not cached so a registration is seen at once. */
    public Optional<ServerInfo> find(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    /** The server, or 404 telling the caller to register it. */
    public ServerInfo require(String id) {
        ChatId.parse("server", id);
        return find(id).orElseThrow(() -> ProblemException.notFound(
                "Server " + id + " is not registered; register it with PUT /v1/servers/" + id));
    }

    /**
     * {@link #require} for the event loop: a cached server at once, else loaded on a worker thread. The reads
     * that need nothing else (messages/check where automod cannot act, the server and its config) stay on the
     * event loop this way.
     */
    public Uni<ServerInfo> requireAsync(String id) {
        ServerInfo cached = cache.ifPresent(id);
        return cached != null ? Uni.createFrom().item(cached) : Offload.blocking(() -> require(id));
    }

    /** Applies a JSON merge patch (RFC 7386) to the config, validates the result and records it. */
    @Transactional
    public ServerConfig patchConfig(String id, JsonNode patch, String actor) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("malformed-patch", "A config patch must be a JSON object (RFC 7386 merge patch)");
        }
        Server server = em.find(Server.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (server == null) {
            throw ProblemException.notFound("Server " + id + " is not registered; register it with PUT /v1/servers/" + id);
        }
        JsonNode before = read(server.config);
        JsonNode merged = withDefaults(mergePatch(before.deepCopy(), RuleSwitches.switchOn(patch)));
        ServerConfig config;
        try {
            config = strictConfigReader.readValue(merged);
        } catch (java.io.IOException e) {
            if (e instanceof JsonProcessingException jpe) {
                throw ProblemMappers.fromJackson(jpe);
            }
            throw ProblemException.badRequest("malformed-patch", e.getMessage());
        }
        List<ProblemException.FieldError> problems = config.problems();
        if (!problems.isEmpty()) throw ProblemException.invalid(problems);
        server.config = write(config);
        server.updatedAt = Instant.now();
        audit.record(id, actor, "config.changed", id, Map.of("patch", patch));
        cache.invalidate(id);
        return config;
    }

    /** In a transaction, so the connection is returned when the read ends (see {@code ApiKeyService.load}). */
    @Transactional
    Optional<ServerInfo> load(String id) {
        Server s = em.find(Server.class, id);
        if (s == null) return Optional.empty();
        try {
            ServerConfig config = json.treeToValue(withDefaults(read(s.config)), ServerConfig.class);
            return Optional.of(new ServerInfo(s.id, s.platform, s.name, s.owner, config, s.createdAt, s.updatedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config of " + id + " is unreadable", e);
        }
    }

    /** RFC 7386: objects merge member by member, null removes a member, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch;
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** Fills every member missing from {@code config} from the defaults (a removed member means "default"). */
    private JsonNode withDefaults(JsonNode config) {
        return fill(json.valueToTree(ServerConfig.DEFAULT), config);
    }

    private static JsonNode fill(JsonNode defaults, JsonNode value) {
        if (value == null || value.isNull()) return defaults;
        if (!defaults.isObject() || !value.isObject()) return value;
        ObjectNode result = ((ObjectNode) value).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            result.set(e.getKey(), fill(e.getValue(), result.get(e.getKey())));
        }
        return result;
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
