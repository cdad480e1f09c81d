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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
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
 *   <li>{@link #answered} before and {@link #recordAll} after a call that writes nothing of its own in a transaction
 *       (a message check, the hottest POST): both in groups of whatever arrived meanwhile ({@link Grouping}), so a
 *       message costs the database a share of two statements instead of a transaction of its own. A twin running at
 *       the same moment on another instance is judged too, and then answered with the first's recorded answer.</li>
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

    private static final String READ = """
            select k.n, r.request_hash, r.status, r.body, r.location
            from unnest(?::uuid[], ?::text[]) with ordinality as k(key_id, idem_key, n)
            join idempotency_record r on r.key_id = k.key_id and r.idem_key = k.idem_key
            where r.status <> 0""";
    private static final String INSERT_ANSWERS = """
            insert into idempotency_record (key_id, idem_key, request_hash, status, body)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[])
            on conflict do nothing
            returning key_id, idem_key""";

    private final Caller caller;
    private final EntityManager em;
    private final ObjectMapper json;
    private final DataSource dataSource;
    private final Grouping<Request, Stored> lookups;

    public Idempotency(Caller caller, EntityManager em, ObjectMapper json, DataSource dataSource, Tracer tracer) {
        this.caller = caller;
        this.em = em;
        this.json = json;
        this.dataSource = dataSource;
        this.lookups = new Grouping<>("idempotency-lookups", dataSource, tracer, Idempotency::read);
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
            if (claimed == 0) return replay(request, storedOf(request));
            Response response = call.call();
            Object location = response.getHeaders().getFirst("Location");
            em.createNativeQuery("""
                            update idempotency_record set status = :s, body = :b, location = :l
                            where key_id = :k and idem_key = :i""")
                    .setParameter("s", response.getStatus())
                    .setParameter("b", bodyOf(response))
                    .setParameter("l", location == null ? null : location.toString())
                    .setParameter("k", request.keyId()).setParameter("i", request.key())
                    .executeUpdate();
            return response;
        });
    }

    /** The answer on record for a request whose claim found the key taken, read on the transaction's connection. */
    private Stored storedOf(Request request) throws SQLException {
        try (Connection c = dataSource.getConnection()) { // Agroal hands out the transaction's own connection
            return onRecord(c, List.of(request)).get(0);
        }
    }

    /** The earlier answer to this request, replayed, or null when there is none yet. Read with others of the moment. */
    public Uni<Response> answered(Request request) {
        return Uni.createFrom().completionStage(lookups.submit(request))
                .map(stored -> stored == null ? null : replay(request, stored));
    }

    /** The answer as it will be recorded. */
    public Answer answer(Request request, Response response) {
        return new Answer(request, response.getStatus(), bodyOf(response));
    }

    /**
     * Records answers given outside a transaction on {@code c}, in the caller's transaction: for each, null where
     * it was recorded, or the answer already on record under its key (a twin's, faster) to {@link #replay} instead.
     */
    public static List<Stored> recordAll(Connection c, List<Answer> answers) throws SQLException {
        int n = answers.size();
        List<Answer> fresh = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Answer a : answers) {
            // a key twice in one group: the first is recorded, the second replays it
            if (keys.add(id(a.request().keyId(), a.request().key()))) fresh.add(a);
        }
        Set<String> recorded = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_ANSWERS)) {
            ps.setArray(1, c.createArrayOf("uuid", fresh.stream().map(a -> a.request().keyId()).toArray(UUID[]::new)));
            ps.setArray(2, c.createArrayOf("text", fresh.stream().map(a -> a.request().key()).toArray(String[]::new)));
            ps.setArray(3, c.createArrayOf("text", fresh.stream().map(a -> a.request().hash()).toArray(String[]::new)));
            ps.setArray(4, c.createArrayOf("int4", fresh.stream().map(Answer::status).toArray(Integer[]::new)));
            ps.setArray(5, c.createArrayOf("text", fresh.stream().map(Answer::body).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) recorded.add(id(rs.getObject(1, UUID.class), rs.getString(2)));
            }
        }
        List<Stored> outcome = new ArrayList<>(Arrays.asList(new Stored[n]));
        List<Request> taken = new ArrayList<>();
        List<Integer> takenAt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Request r = answers.get(i).request();
            if (!recorded.remove(id(r.keyId(), r.key()))) {
                taken.add(r);
                takenAt.add(i);
            }
        }
        List<Stored> onRecord = onRecord(c, taken);
        for (int i = 0; i < taken.size(); i++) outcome.set(takenAt.get(i), onRecord.get(i));
        return outcome;
    }

    /** The answers on record for requests whose keys were found taken: each must be there. */
    private static List<Stored> onRecord(Connection c, List<Request> requests) throws SQLException {
        List<Stored> stored = read(c, requests);
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i) == null) throw new SQLException("the record of idempotency key " + requests.get(i).key() + " vanished");
        }
        return stored;
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
        if (!stored.hash().equals(request.hash())) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request");
        }
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
        lookups.stop();
    }
}
