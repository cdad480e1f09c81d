package dev.guildhall.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.auth.Caller;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Idempotency-Key (DESIGN §3): a POST repeated with the same key is answered as the first was, and does nothing
 * again. Records live in {@code idempotency_record} for 24 hours ({@link IdempotencyCleanup}), shared by every
 * instance. Two ways to keep one:
 * <ul>
 *   <li>{@link #once}: the call and the record of its answer in one transaction. The record is claimed first with an
 *       insert: a concurrent twin on any instance waits on the primary key until the first commits, then replays its
 *       answer; if the first fails, nothing was recorded and the twin runs for real. Every {@link Idempotent} call.</li>
 *   <li>{@link #claim} before and {@link #settleAll} (or {@link #settle}) after a call that is cheap and hot (a
 *       message check, the hottest POST): the record is claimed in a statement of its own, with the claims of whatever
 *       arrived meanwhile ({@link Grouping}), before the call does anything; only the request holding the claim does
 *       the work (a message check counts the message in the author's spam windows), and a twin, on any instance,
 *       waits for its answer. Settling stores the answer into the claimed record, again in groups. A claim whose
 *       request died with its instance is taken over after {@link #ABANDONED}.</li>
 * </ul>
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** The caller's key and a hash of what was asked under it. */
    public record Request(UUID keyId, String key, String hash) {}

    /** An answer on record. */
    public record Stored(String hash, int status, String body, String location) {}

    /** An answer to record under its request's key. */
    public record Answer(Request request, int status, String body) {}

    /** What a claim found: the record is this request's to settle, or there is one (settled, or a twin's at work). */
    private record Found(boolean claimed, Stored stored) {}

    /** A claimed record still unsettled this long belongs to a request that died: the next claim takes it over. */
    static final Duration ABANDONED = Duration.ofSeconds(10);
    /** How long a twin waits for the request holding the claim before it is told to come back (409). */
    static final Duration TWIN_WAIT = Duration.ofSeconds(15);

    /**
     * Claims each request's record, or finds the one there: one statement for the group. A record claimed long ago
     * and never settled is taken over. A record that a twin's transaction ({@link #once}) inserted while this statement
     * ran is neither claimed nor seen: it reads as a twin at work.
     */
    private static final String CLAIM = """
            with k as (select * from unnest(?::uuid[], ?::text[], ?::text[]) with ordinality as k(key_id, idem_key, request_hash, n)),
            c as (insert into idempotency_record as r (key_id, idem_key, request_hash)
                  select key_id, idem_key, request_hash from k
                  on conflict (key_id, idem_key) do update set request_hash = excluded.request_hash, created_at = now()
                  where r.status = 0 and r.created_at < now() - make_interval(secs => %d)
                  returning key_id, idem_key)
            select k.n, c.key_id is not null, r.request_hash, r.status, r.body, r.location
            from k left join c on c.key_id = k.key_id and c.idem_key = k.idem_key
            left join idempotency_record r on r.key_id = k.key_id and r.idem_key = k.idem_key""".formatted(ABANDONED.toSeconds());
    private static final String READ = """
            select k.n, r.request_hash, r.status, r.body, r.location
            from unnest(?::uuid[], ?::text[]) with ordinality as k(key_id, idem_key, n)
            join idempotency_record r on r.key_id = k.key_id and r.idem_key = k.idem_key""";
    private static final String SETTLE = """
            update idempotency_record r set status = a.status, body = a.body
            from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[]) as a(key_id, idem_key, request_hash, status, body)
            where r.key_id = a.key_id and r.idem_key = a.idem_key and r.request_hash = a.request_hash and r.status = 0
            returning r.key_id, r.idem_key""";

    private final Caller caller;
    private final EntityManager em;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final Grouping<Request, Found> claims;

    public Idempotency(Caller caller, EntityManager em, ObjectMapper json, DataSource dataSource, Tracer tracer) {
        this.caller = caller;
        this.em = em;
        this.json = json;
        this.dataSource = dataSource;
        this.claims = new Grouping<>("idempotency-claims", dataSource, tracer, Idempotency::claimAll);
    }

    /**
     * The request under the caller's Idempotency-Key, or null without one: the key, and a hash of the method, path,
     * actor and {@code parameters}, so that the key used again for something else is refused instead of replayed.
     */
    public Request request(Object... parameters) {
        String key = caller.idempotencyKey();
        if (key == null) return null;
        if (key.length() > 255) throw ProblemException.invalid(HEADER, "must be at most 255 characters");
        try {
            String asked = caller.method() + " " + caller.path() + " " + caller.actorId() + " " + json.writeValueAsString(parameters);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(asked.getBytes(StandardCharsets.UTF_8));
            return new Request(caller.keyId(), key, HexFormat.of().formatHex(hash));
        } catch (JsonProcessingException | NoSuchAlgorithmException ex) {
            throw new IllegalStateException("cannot hash the request", ex);
        }
    }

    /** Runs {@code call} once for the request: its answer is recorded in its transaction, and replayed after. */
    public Response once(Request request, Callable<Response> call) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            int claimed = em.createNativeQuery("""
                            insert into idempotency_record (key_id, idem_key, request_hash) values (:k, :i, :h)
                            on conflict do nothing""")
                    .setParameter("k", request.keyId()).setParameter("i", request.key()).setParameter("h", request.hash())
                    .executeUpdate();
            if (claimed == 0) {
                Stored stored = storedOf(request);
                if (inFlight(stored)) { // claimed by a message check still at work (the same key used for both)
                    if (!stored.hash().equals(request.hash())) throw reused();
                    throw inFlightProblem();
                }
                return replay(request, stored);
            }
            Response response = call.call();
            store(request, response);
            return response;
        });
    }

    /** Stores the answer into the request's claimed record, in the current transaction. */
    private void store(Request request, Response response) {
        Object location = response.getHeaders().getFirst("Location");
        em.createNativeQuery("""
                        update idempotency_record set status = :s, body = :b, location = :l
                        where key_id = :k and idem_key = :i""")
                .setParameter("s", response.getStatus())
                .setParameter("b", bodyOf(response))
                .setParameter("l", location == null ? null : location.toString())
                .setParameter("k", request.keyId()).setParameter("i", request.key())
                .executeUpdate();
    }

    /** The answer on record for a request whose claim found the key taken, read on the transaction's connection. */
    private Stored storedOf(Request request) throws SQLException {
        try (Connection c = dataSource.getConnection()) { // Agroal hands out the transaction's own connection
            Stored stored = read(c, List.of(request)).get(0);
            if (stored == null) throw new SQLException("the record of idempotency key " + request.key() + " vanished");
            return stored;
        }
    }

    /**
     * Claims the request's record before the call does anything: an empty item when this request holds the claim and
     * must {@link #settleAll settle} it (or {@link #release} it if it fails), otherwise the answer on record, replayed —
     * after waiting for a twin that holds the claim to settle it. Claimed with the others of the moment.
     */
    public Uni<Response> claim(Request request) {
        return claim(request, System.nanoTime() + TWIN_WAIT.toNanos(), 10);
    }

    private Uni<Response> claim(Request request, long giveUpAt, long retryMillis) {
        return Uni.createFrom().completionStage(claims.submit(request)).flatMap(found -> {
            if (found.claimed()) return Uni.createFrom().nullItem();
            Stored stored = found.stored();
            if (stored != null && !inFlight(stored)) return Uni.createFrom().item(replay(request, stored));
            if (stored != null && !stored.hash().equals(request.hash())) throw reused();
            if (System.nanoTime() > giveUpAt) throw inFlightProblem();
            // a twin holds the claim: ask again shortly (its answer, its release, or its claim abandoned)
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(retryMillis))
                    .flatMap(ignored -> claim(request, giveUpAt, Math.min(retryMillis * 2, 200)));
        });
    }

    /** Gives the claim up after the call failed, so that the request can be tried again at once. */
    public Uni<Void> release(Request request) {
        return Offload.blocking(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "delete from idempotency_record where key_id = ? and idem_key = ? and request_hash = ? and status = 0")) {
                ps.setObject(1, request.keyId());
                ps.setString(2, request.key());
                ps.setString(3, request.hash());
                ps.executeUpdate();
            } catch (SQLException e) {
                // the claim is taken over once abandoned
            }
            return null;
        });
    }

    /** The answer as it will be recorded. */
    public Answer answer(Request request, Response response) {
        return new Answer(request, response.getStatus(), bodyOf(response));
    }

    /**
     * Stores answers into the records their requests claimed ({@link #claim}), on {@code c} in the caller's
     * transaction: for each, null where it was stored, or, where another request took the abandoned claim over and
     * answered first, the answer on record to {@link #replay} instead.
     */
    public static List<Stored> settleAll(Connection c, List<Answer> answers) throws SQLException {
        Set<String> settled = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
            ps.setArray(1, c.createArrayOf("uuid", answers.stream().map(a -> a.request().keyId()).toArray(UUID[]::new)));
            ps.setArray(2, c.createArrayOf("text", answers.stream().map(a -> a.request().key()).toArray(String[]::new)));
            ps.setArray(3, c.createArrayOf("text", answers.stream().map(a -> a.request().hash()).toArray(String[]::new)));
            ps.setArray(4, c.createArrayOf("int4", answers.stream().map(Answer::status).toArray(Integer[]::new)));
            ps.setArray(5, c.createArrayOf("text", answers.stream().map(Answer::body).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) settled.add(id(rs.getObject(1, UUID.class), rs.getString(2)));
            }
        }
        List<Request> lost = new ArrayList<>();
        List<Integer> lostAt = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Request r = answers.get(i).request();
            if (!settled.contains(id(r.keyId(), r.key()))) {
                lost.add(r);
                lostAt.add(i);
            }
        }
        List<Stored> outcome = new ArrayList<>(Arrays.asList(new Stored[answers.size()]));
        List<Stored> onRecord = read(c, lost);
        for (int i = 0; i < lost.size(); i++) {
            Stored s = onRecord.get(i);
            // still unsettled or gone: this request did the work, so its own answer stands
            if (s != null && !inFlight(s)) outcome.set(lostAt.get(i), s);
        }
        return outcome;
    }

    /**
     * Runs {@code call} for a request that holds its claim ({@link #claim}) and stores its answer in the call's
     * transaction, so the answer is on record exactly when the call's effects are. The claim is locked first: a twin
     * taking an abandoned claim over meanwhile waits, then finds the answer.
     */
    public Response settle(Request request, Callable<Response> call) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            int held = em.createNativeQuery("""
                            select 1 from idempotency_record where key_id = :k and idem_key = :i and request_hash = :h
                              and status = 0 for update""")
                    .setParameter("k", request.keyId()).setParameter("i", request.key()).setParameter("h", request.hash())
                    .getResultList().size();
            if (held == 0) return replay(request, storedOf(request));
            Response response = call.call();
            store(request, response);
            return response;
        });
    }

    /** The claims of a group, in order: one statement; a key twice in the group is claimed by its first request. */
    private static List<Found> claimAll(Connection c, List<Request> requests) throws SQLException {
        Map<String, Integer> slot = new HashMap<>();
        List<Request> distinct = new ArrayList<>();
        for (Request r : requests) if (slot.putIfAbsent(id(r.keyId(), r.key()), distinct.size()) == null) distinct.add(r);
        Found[] found = new Found[distinct.size()];
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setArray(1, c.createArrayOf("uuid", distinct.stream().map(Request::keyId).toArray(UUID[]::new)));
            ps.setArray(2, c.createArrayOf("text", distinct.stream().map(Request::key).toArray(String[]::new)));
            ps.setArray(3, c.createArrayOf("text", distinct.stream().map(Request::hash).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Stored stored = rs.getString(3) == null ? null
                            : new Stored(rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6));
                    found[(int) rs.getLong(1) - 1] = new Found(rs.getBoolean(2), stored);
                }
            }
        }
        List<Found> out = new ArrayList<>(requests.size());
        Set<String> seen = new HashSet<>();
        for (Request r : requests) {
            String id = id(r.keyId(), r.key());
            // the first request of a key gets what the statement found; another of the same key waits for it
            out.add(seen.add(id) ? found[slot.get(id)] : new Found(false, null));
        }
        return out;
    }

    /** A record claimed and not settled yet: its request is at work. */
    private static boolean inFlight(Stored stored) {
        return stored.status() == 0;
    }

    private static ProblemException reused() {
        return ProblemException.unprocessable("idempotency-key-reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request");
    }

    private static ProblemException inFlightProblem() {
        return new ProblemException(409, "idempotency-key-in-flight", "Conflict",
                "A request with this Idempotency-Key is still being answered; try again shortly", null, 1L);
    }

    /** The answers on record for the requests, in order; null where there is none. One statement. */
    private static List<Stored> read(Connection c, List<Request> requests) throws SQLException {
        List<Stored> stored = new ArrayList<>(Arrays.asList(new Stored[requests.size()]));
        if (requests.isEmpty()) return stored;
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setArray(1, c.createArrayOf("uuid", requests.stream().map(Request::keyId).toArray(UUID[]::new)));
            ps.setArray(2, c.createArrayOf("text", requests.stream().map(Request::key).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.set((int) rs.getLong(1) - 1, new Stored(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return stored;
    }

    /** The recorded answer, marked as replayed; 422 when the key was recorded for a different request. */
    public Response replay(Request request, Stored stored) {
        if (!stored.hash().equals(request.hash())) throw reused();
        Response.ResponseBuilder builder = Response.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.body() != null) builder.entity(stored.body()).type(MediaType.APPLICATION_JSON);
        if (stored.location() != null) builder.header("Location", stored.location());
        return builder.build();
    }

    /** The answer's body as it is kept: never with a secret in it ({@link HoldsSecret}). */
    private String bodyOf(Response response) {
        Object entity = response.getEntity() instanceof HoldsSecret secret ? secret.withoutSecret() : response.getEntity();
        try {
            return entity == null ? null : json.writeValueAsString(entity);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot record the answer", ex);
        }
    }

    private static String id(UUID keyId, String key) {
        return keyId + " " + key;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        claims.stop();
    }
}
