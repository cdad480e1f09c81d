package dev.guildhall.auth;

import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.DatabaseBreaker;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.ShortCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creates, lists, revokes and resolves API keys. */
@ApplicationScoped
public class ApiKeyService {

    public static final String KEY_PREFIX = "ghk_";
    private static final List<String> PLATFORMS = List.of("discord", "slack");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code platform}: the platform a platform key is bound to (discord, slack), or null. */
    public record NewKey(String name, KeyKind kind, List<String> scopes, List<String> servers, String platform) {}

    public record Created(ApiKey key, String secret) {}

    private final EntityManager em;
    /** By secret hash; an empty Optional: no such key, so a wrong secret costs no query either. */
    private final ShortCache<String, Optional<Caller.Key>> cache;

    public ApiKeyService(EntityManager em, TransactionSynchronizationRegistry transactions, DatabaseBreaker database) {
        this.em = em;
        this.cache = new ShortCache<>(this::load, transactions, database);
    }

    @Transactional
    public Created create(NewKey request) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 64) {
            errors.add(new ProblemException.FieldError("name", "must be 1 to 64 characters"));
        }
        if (request.kind() == null) {
            errors.add(new ProblemException.FieldError("kind", "must be one of [admin, platform, app]"));
        }
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null ? List.of() : request.scopes());
        for (String s : scopes) {
            if (Scope.of(s).isEmpty()) {
                errors.add(new ProblemException.FieldError("scopes", "unknown scope '" + s + "'; known: "
                        + java.util.Arrays.stream(Scope.values()).map(Scope::value).toList()));
            }
        }
        Set<String> servers = new LinkedHashSet<>(request.servers() == null ? List.of() : request.servers());
        for (String s : servers) {
            if (!ChatId.isValid(s)) errors.add(new ProblemException.FieldError("servers", "'" + s + "' is not a server id"));
        }
        if (request.kind() == KeyKind.APP && servers.isEmpty()) {
            errors.add(new ProblemException.FieldError("servers", "an app key must list the servers it may read"));
        }
        if (request.kind() != null && request.kind() != KeyKind.APP && !scopes.isEmpty()) {
            errors.add(new ProblemException.FieldError("scopes", "only app keys take scopes; the other kinds hold all"));
        }
        String platform = request.platform();
        if (platform != null) {
            if (request.kind() != null && request.kind() != KeyKind.PLATFORM) {
                errors.add(new ProblemException.FieldError("platform", "only platform keys are bound to a platform"));
            } else if (!PLATFORMS.contains(platform)) {
                errors.add(new ProblemException.FieldError("platform", "must be one of " + PLATFORMS));
            } else {
                for (String s : servers) {
                    if (ChatId.isValid(s) && !ChatId.platformOf(s).equals(platform)) {
                        errors.add(new ProblemException.FieldError("servers", "'" + s + "' is not a " + platform + " server"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);

        String secret = newSecret();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.name = request.name().trim();
        key.kind = request.kind();
        key.keyHash = hash(secret);
        key.prefix = secret.substring(0, KEY_PREFIX.length() + 6);
        key.scopes = scopes.toArray(String[]::new);
        key.servers = servers.toArray(String[]::new);
        key.platform = platform;
        key.createdAt = Instant.now();
        key.persist();
        return new Created(key, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKey> list(PageRequest page) {
        String after = page.afterText("id");
        var query = em.createQuery(after == null
                ? "from ApiKey order by id"
                : "from ApiKey where id > :after order by id", ApiKey.class);
        if (after != null) query.setParameter("after", uuidFromCursor(after));
        List<ApiKey> rows = query.setMaxResults(page.limit() + 1).getResultList();
        return page.page(rows, k -> k, k -> PageRequest.position().put("id", k.id.toString()));
    }

    private static UUID uuidFromCursor(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    /** Revokes a key; revoking twice is fine. This instance forgets it at once, every other within its 0.8 s expiry. */
    @Transactional
    public void revoke(UUID id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null) throw ProblemException.notFound("No API key " + id);
        if (key.revokedAt == null) key.revokedAt = Instant.now();
        cache.invalidateAll();
    }

    /**
     * The active key with this secret's hash. Cached for under a second (read again in the background after
     * 0.4 s) so a hot key costs no query, while a revocation still holds on every instance within 1 s. Blocking
     * on a miss; {@link #cached} is the event loop's look.
     */
    public Optional<Caller.Key> resolve(String keyHash) {
        return cache.get(keyHash);
    }

    /** What the cache knows of this hash (an empty Optional: no such key), or null when it has to be read. */
    public Optional<Caller.Key> cached(String keyHash) {
        return cache.ifPresent(keyHash);
    }

    /**
     * In a transaction of its own (or the caller's), so the connection goes back to the pool when the read ends:
     * outside a transaction the session, and its connection, would live as long as the request, and a burst of
     * cache misses then held every connection while waiting for a worker thread (CacheMissBurstTest).
     */
    @Transactional
    Optional<Caller.Key> load(String keyHash) {
        return em.createQuery("from ApiKey where keyHash = :h and revokedAt is null", ApiKey.class)
                .setParameter("h", keyHash)
                .getResultStream()
                .findFirst()
                .map(k -> new Caller.Key(k.id, k.name, k.kind, Set.of(k.scopes), Set.of(k.servers), k.platform));
    }

    /** Makes sure the operator's bootstrap admin key exists with this secret (rotating it if changed). */
    @Transactional
    public void ensureBootstrapAdmin(String secret) {
        em.createNativeQuery("""
                insert into api_key (id, name, kind, key_hash, prefix, scopes, servers, created_at, bootstrap)
                values (:id, 'bootstrap-admin', 'ADMIN', :hash, :prefix, '{}', '{}', now(), true)
                on conflict (bootstrap) where bootstrap do update
                  set key_hash = excluded.key_hash, prefix = excluded.prefix, revoked_at = null
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("hash", hash(secret))
                .setParameter("prefix", fingerprint(secret))
                .executeUpdate();
        cache.invalidateAll();
    }

    /**
     * What the list shows of the bootstrap key: a piece of its hash, not of the secret. The operator chose that
     * secret (16 characters may be all of it), so its first characters would give much of it away to any admin.
     */
    static String fingerprint(String secret) {
        return "sha256:" + hash(secret).substring(0, 8);
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * SHA-256 without salt is right for keys: they are 256 random bits, so no dictionary applies,
     * and an indexed equality lookup stays possible.
     */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
