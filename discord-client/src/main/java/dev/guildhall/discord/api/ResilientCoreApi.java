package dev.guildhall.discord.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Puts a circuit breaker in front of core-api and times every call. Retries are the typed
 * client's job: it repeats only what is safe to repeat (GET, PUT, or a call with an
 * Idempotency-Key) when core-api was unreachable or answered 503. When the circuit is open, calls
 * fail at once, so a dead core-api is not hammered and chat users get their "try again" quickly.
 */
public final class ResilientCoreApi implements CoreApi {

    private final CoreApi delegate;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    public ResilientCoreApi(CoreApi delegate, CircuitBreaker breaker, MeterRegistry meters) {
        this.delegate = delegate;
        this.breaker = breaker;
        this.meters = meters;
        meters.gauge("guildhall_api_circuit_open", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
    }

    @Override
    public JsonNode call(ApiRequest request, CallContext context) {
        if (!breaker.tryAcquire()) {
            meters.counter("guildhall_api_rejected", "op", request.op().name(), "reason", "circuit_open").increment();
            throw ApiException.unreachable("circuit open after repeated failures", null);
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "ok";
        try {
            JsonNode answer = delegate.call(request, context);
            breaker.onSuccess();
            return answer;
        } catch (ApiException e) {
            if (e.unavailable()) {
                breaker.onFailure();
                outcome = "unavailable";
            } else {
                breaker.onSuccess(); // core-api answered: it is up
                outcome = String.valueOf(e.status());
            }
            throw e;
        } catch (RuntimeException e) {
            breaker.onSuccess(); // a bug on our side, not an outage
            outcome = "error";
            throw e;
        } finally {
            sample.stop(Timer.builder("guildhall_api_calls").tag("op", request.op().name()).tag("outcome", outcome)
                    .register(meters));
        }
    }
}
