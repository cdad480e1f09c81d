package dev.guildhall.discord.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Wraps the client with a circuit breaker and retries. Only calls that are safe to repeat are
 * retried — GET and PUT, or any call carrying an Idempotency-Key (core-api replays the first
 * answer) — and only when core-api was unreachable or answered 503.
 */
public final class ResilientCoreApi implements CoreApi {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientCoreApi.class);

    private final CoreApi delegate;
    private final CircuitBreaker breaker;
    private final int maxRetries;
    private final Duration backoff;
    private final MeterRegistry meters;

    public ResilientCoreApi(CoreApi delegate, CircuitBreaker breaker, int maxRetries, Duration backoff,
                            MeterRegistry meters) {
        this.delegate = delegate;
        this.breaker = breaker;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.meters = meters;
        meters.gauge("guildhall_api_circuit_open", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
    }

    @Override
    public JsonNode call(ApiRequest request, CallContext context) {
        boolean retryable = request.op().idempotentByMethod() || context.idempotencyKey() != null;
        int attempt = 0;
        while (true) {
            if (!breaker.tryAcquire()) {
                count(request, "circuit_open");
                throw ApiException.unreachable("circuit open after repeated failures", null);
            }
            Timer.Sample sample = Timer.start(meters);
            try {
                JsonNode answer = delegate.call(request, context);
                breaker.onSuccess();
                sample.stop(timer(request, "ok"));
                return answer;
            } catch (ApiException e) {
                if (!e.unavailable()) {
                    breaker.onSuccess(); // core-api answered: it is up
                    sample.stop(timer(request, String.valueOf(e.status())));
                    throw e;
                }
                breaker.onFailure();
                sample.stop(timer(request, "unavailable"));
                if (!retryable || attempt >= maxRetries) {
                    throw e;
                }
                attempt++;
                LOG.warn("core-api unavailable for {} (request {}), retry {}/{}: {}", request.op(),
                        context.requestId(), attempt, maxRetries, e.getMessage());
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
    }

    private Timer timer(ApiRequest request, String outcome) {
        return Timer.builder("guildhall_api_calls").tag("op", request.op().name()).tag("outcome", outcome)
                .register(meters);
    }

    private void count(ApiRequest request, String outcome) {
        meters.counter("guildhall_api_rejected", "op", request.op().name(), "reason", outcome).increment();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unreachable("interrupted", e);
        }
    }
}
