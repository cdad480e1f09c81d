package dev.guildhall.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.auth.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs an {@link Idempotent} call and the record of its answer in one transaction. The record is
 * claimed first with an insert: a concurrent twin on any instance waits on the primary key until
 * the first commits, then replays its answer; if the first fails, nothing was recorded and the
 * twin runs for real. Records are kept 24 hours.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = caller.idempotencyKey();
        if (key == null) {
            return ctx.proceed();
        }
        if (key.length() > 255) {
            throw ProblemException.invalid(HEADER, "must be at most 255 characters");
        }
        String requestHash = hash(caller.method() + " " + caller.path() + " " + caller.actorId() + " "
                + json.writeValueAsString(ctx.getParameters()));
        return QuarkusTransaction.joiningExisting().call(() -> {
            int claimed = em.createNativeQuery("""
                    insert into idempotency_record (key_id, idem_key, request_hash) values (:k, :i, :h)
                    on conflict do nothing""")
                    .setParameter("k", caller.keyId()).setParameter("i", key).setParameter("h", requestHash)
                    .executeUpdate();
            if (claimed == 0) {
                return replay(key, requestHash);
            }
            Object result = ctx.proceed();
            Response response = (Response) result;
            Object location = response.getHeaders().getFirst("Location");
            em.createNativeQuery("""
                    update idempotency_record set status = :s, body = :b, location = :l
                    where key_id = :k and idem_key = :i""")
                    .setParameter("s", response.getStatus())
                    .setParameter("b", response.getEntity() == null ? null : json.writeValueAsString(response.getEntity()))
                    .setParameter("l", location == null ? null : location.toString())
                    .setParameter("k", caller.keyId()).setParameter("i", key)
                    .executeUpdate();
            return result;
        });
    }

    private Response replay(String key, String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, status, body, location from idempotency_record
                where key_id = :k and idem_key = :i""")
                .setParameter("k", caller.keyId()).setParameter("i", key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!row[0].equals(requestHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request");
        }
        Response.ResponseBuilder builder = Response.status(((Number) row[1]).intValue())
                .header("Idempotent-Replayed", "true");
        if (row[2] != null) builder.entity(row[2]).type(MediaType.APPLICATION_JSON);
        if (row[3] != null) builder.header("Location", row[3]);
        return builder.build();
    }

    private static String hash(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
