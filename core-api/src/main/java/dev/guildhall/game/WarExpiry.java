package dev.guildhall.game;

import dev.guildhall.audit.AuditLog;
import dev.guildhall.platform.DatabaseBreaker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Expires open wars past their deadline. Runs every second on every instance; each run claims due
 * wars with {@code FOR UPDATE SKIP LOCKED} and flips them in the same statement, so a war is expired
 * by exactly one instance, and a war locked by a request in flight is simply taken on the next run.
 * Nothing lives in memory: after a restart the next run finds whatever fell due meanwhile.
 */
@ApplicationScoped
public class WarExpiry {

    private static final Logger LOG = Logger.getLogger(WarExpiry.class);
    static final int BATCH = 200;

    private final EntityManager em;
    private final AuditLog audit;

    public WarExpiry(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    @Scheduled(every = "${guildhall.wars.expiry-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void sweep() {
        try {
            while (expireDue(BATCH) == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            // the database may be briefly away; the next run retries, nothing was half done
            LOG.warnf("war expiry sweep failed: %s", e.toString());
        }
    }

    /**
     * Expires up to {@code max} due wars in one new transaction, auditing each; returns how many.
     * The rule is {@link War#expire}'s, said in SQL so a batch is claimed and flipped in one statement.
     */
    public int expireDue(int max) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> expired = em.createNativeQuery("""
                    with due as (
                        select id, status from war
                        where status in ('PENDING', 'ACTIVE', 'DISPUTED') and expires_at <= now()
                        order by expires_at limit :max
                        for update skip locked)
                    update war w set status = 'EXPIRED', ended_at = w.expires_at
                    from due where w.id = due.id
                    returning w.id, w.server, due.status""")
                    .setParameter("max", max)
                    .getResultList();
            for (Object[] row : expired) {
                audit.record((String) row[1], null, "war.expired", row[0].toString(), Map.of("previousStatus", row[2]));
            }
            return expired.size();
        });
    }
}
