package dev.guildhall.slack.ops;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The core-api circuit's state in {@code /q/health/ready}. The adapter stays ready while the circuit
 * is open — it still answers Slack within 3 s ("try again") and taking it out of the load balancer
 * would only make Slack's requests fail — but operators see the state, and the change is logged.
 */
@Readiness
@ApplicationScoped
public class CoreCircuit implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(CoreCircuit.class);

    private final AtomicReference<CircuitBreakerState> state = new AtomicReference<>(CircuitBreakerState.CLOSED);

    public void changed(CircuitBreakerState next) {
        CircuitBreakerState before = state.getAndSet(next);
        if (before != next) LOG.warnf("core-api circuit %s → %s", before, next);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("core-api-circuit").up().withData("state", state.get().name()).build();
    }
}
