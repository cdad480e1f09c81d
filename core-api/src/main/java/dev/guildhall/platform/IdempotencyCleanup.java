package dev.guildhall.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Forgets idempotency records after 24 hours; any instance may do it, deleting twice is harmless. */
@ApplicationScoped
public class IdempotencyCleanup {

    private final EntityManager em;

    public IdempotencyCleanup(EntityManager em) {
        this.em = em;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetOldRecords() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_record where created_at < now() - interval '24 hours'").executeUpdate());
    }
}
