package dev.guildhall.moderation;

import dev.guildhall.platform.DatabaseBreaker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Lifts due temporary bans on time. Runs on every instance; each due ban is handled in its own
 * transaction under row locks ({@link CaseService#expire}), so two instances never lift one ban twice
 * and a crash mid-way leaves the ban due for the next sweep.
 */
@ApplicationScoped
public class TempBanSweeper {

    private static final Logger LOG = Logger.getLogger(TempBanSweeper.class);

    private final CaseService cases;

    public TempBanSweeper(CaseService cases) {
        this.cases = cases;
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("temp-ban sweep failed, retrying on the next tick: %s", e.toString());
        }
    }

    /** Handles every ban due now; returns how many were lifted (superseded ones are marked handled, not counted). */
    public int sweep() {
        int lifted = 0;
        for (ModCase.Key key : cases.dueBans(200)) {
            if (cases.expire(key.server, key.number)) lifted++;
        }
        return lifted;
    }
}
