package dev.guildhall.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Deferred platform actions, kept in PostgreSQL so no instance or adapter failure loses one. Adapters
 * lease a batch (claim), carry it out and ack each action; an action whose lease runs out unacked is
 * handed out again, so delivery is at least once.
 */
@ApplicationScoped
public class ActionQueue {

    public record Claimed(long id, String server, Integer caseNumber, PlatformAction action, int attempts,
                          Instant leaseUntil, Instant createdAt) {}

    private final EntityManager em;
    private final ObjectMapper json;

    public ActionQueue(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** Queues an action inside the caller's transaction, so it exists exactly when the decision behind it does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String server, Integer caseNumber, PlatformAction action, Instant availableAt) {
        em.createNativeQuery("""
                insert into platform_action (platform, server, case_number, action, available_at, created_at)
                values (:platform, :server, :case, cast(:action as jsonb), :at, now())""")
                .setParameter("platform", ChatId.platformOf(server))
                .setParameter("server", server)
                .setParameter("case", caseNumber)
                .setParameter("action", write(action))
                .setParameter("at", availableAt)
                .executeUpdate();
    }

    /**
     * Leases up to {@code limit} due actions of {@code platform} (only of {@code servers} when not empty)
     * for {@code lease} to the key {@code holder}. SKIP LOCKED lets adapters on every instance claim at once
     * without waiting or receiving the same action twice within a lease.
     */
    @Transactional
    public List<Claimed> claim(String platform, Set<String> servers, int limit, Duration lease, UUID holder) {
        String serverFilter = servers.isEmpty() ? "" : " and server in (:servers)";
        var query = em.createNativeQuery("""
                update platform_action set lease_until = now() + make_interval(secs => :lease), attempts = attempts + 1,
                    lease_key = :holder
                where id in (select id from platform_action
                             where platform = :platform and available_at <= now()
                               and (lease_until is null or lease_until <= now())""" + serverFilter + """
                             order by id limit :limit for update skip locked)
                returning id, server, case_number, cast(action as text), attempts, lease_until, created_at""")
                .setParameter("lease", (double) lease.toMillis() / 1000.0)
                .setParameter("platform", platform)
                .setParameter("holder", holder)
                .setParameter("limit", limit);
        if (!servers.isEmpty()) query.setParameter("servers", servers);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] r : rows) {
            claimed.add(new Claimed(((Number) r[0]).longValue(), (String) r[1],
                    r[2] == null ? null : ((Number) r[2]).intValue(), read((String) r[3]),
                    ((Number) r[4]).intValue(), instant(r[5]), instant(r[6])));
        }
        claimed.sort(Comparator.comparingLong(Claimed::id));
        return claimed;
    }

    /**
     * Removes a carried-out action: 404 when there is none (or it is another key's server), 409 when it was never
     * claimed or its lease is held by another key (it was handed out again after this key's lease ran out).
     */
    @Transactional
    public void ack(String platform, long id, Set<String> servers, UUID holder) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select server, lease_until, lease_key from platform_action where id = :id and platform = :platform for update""")
                .setParameter("id", id).setParameter("platform", platform).getResultList();
        if (rows.isEmpty() || !servers.isEmpty() && !servers.contains((String) rows.get(0)[0])) {
            throw ProblemException.notFound("No pending action " + id + " on " + platform + " (already acknowledged?)");
        }
        if (rows.get(0)[1] == null) {
            throw ProblemException.conflict("action-not-claimed", "Action " + id + " was never claimed; claim it before acknowledging it");
        }
        if (!holder.equals(rows.get(0)[2])) {
            throw ProblemException.conflict("action-leased-elsewhere", "Action " + id
                    + " is leased to another key; only the key holding its lease acknowledges it");
        }
        em.createNativeQuery("delete from platform_action where id = :id").setParameter("id", id).executeUpdate();
    }

    static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant i) return i;
        if (value instanceof OffsetDateTime o) return o.toInstant();
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private String write(PlatformAction action) {
        try {
            return json.writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PlatformAction read(String text) {
        try {
            return json.readValue(text, PlatformAction.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored action is unreadable", e);
        }
    }
}
