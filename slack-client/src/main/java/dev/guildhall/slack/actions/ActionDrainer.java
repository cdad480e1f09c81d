package dev.guildhall.slack.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.core.CoreApiException;
import dev.guildhall.slack.core.CoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drains deferred platform actions (a temp ban's expiry …): claims a batch for {@code slack} from
 * core-api, carries each out, acks it. A claim is a lease, so an instance that dies mid-batch only
 * delays its actions until the lease runs out and another instance claims them (at least once).
 * An action Slack refused is acked too: retrying would not change Slack's answer.
 */
@ApplicationScoped
public class ActionDrainer {

    private static final Logger LOG = Logger.getLogger(ActionDrainer.class);
    static final int BATCH = 20;

    private final CoreApi core;
    private final ActionExecutor executor;

    public ActionDrainer(CoreApi core, ActionExecutor executor) {
        this.core = core;
        this.executor = executor;
    }

    @Scheduled(every = "${slack.drain-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drain();
    }

    /** One claim: answers how many actions were handled. */
    public int drain() {
        try {
            int handled = 0;
            for (JsonNode claimed : core.claimActions(BATCH)) {
                JsonNode action = claimed.path("action").isObject() ? claimed.path("action") : claimed;
                String channel = action.path("channel").asText(claimed.path("channel").asText(null));
                String server = claimed.path("server").asText("");
                executor.execute(action, new ActionExecutor.Origin(server.startsWith("slack:") ? server.substring(6) : null,
                        channel));
                core.ackAction(claimed.path("id").asText());
                handled++;
            }
            return handled;
        } catch (CoreApiException | CoreUnavailableException e) {
            LOG.debugf("No deferred actions claimed: %s", e.getMessage());
            return 0;
        }
    }
}
