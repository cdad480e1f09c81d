package dev.guildhall.discord.api;

import dev.guildhall.discord.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResilientCoreApiTest {

    static final ApiRequest GET = ApiRequest.of(Operation.GET_WAR, Map.of("id", "w1"));
    static final CallContext CTX = CallContext.system(null, "r1");

    @Test
    void aDeadCoreApiIsNotHammered() {
        AtomicInteger calls = new AtomicInteger();
        CoreApi dead = (r, c) -> {
            calls.incrementAndGet();
            throw ApiException.unreachable("refused", null);
        };
        ResilientCoreApi api = new ResilientCoreApi(dead, new CircuitBreaker(3, Duration.ofMinutes(1),
                Clock.systemUTC()), new SimpleMeterRegistry());
        for (int i = 0; i < 10; i++) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> api.call(GET, CTX));
            assertThat(e.unavailable()).isTrue();
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void refusalsAreAnswersNotOutages() {
        AtomicInteger calls = new AtomicInteger();
        CoreApi refusing = (r, c) -> {
            calls.incrementAndGet();
            throw ApiException.problem(422, "Rule refused", "no", null);
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilientCoreApi api = new ResilientCoreApi(refusing, new CircuitBreaker(3, Duration.ofMinutes(1),
                Clock.systemUTC()), meters);
        for (int i = 0; i < 10; i++) {
            assertThat(catchThrowableOfType(ApiException.class, () -> api.call(GET, CTX)).status()).isEqualTo(422);
        }
        assertThat(calls).hasValue(10);
        assertThat(meters.get("guildhall_api_calls").tag("op", "GET_WAR").tag("outcome", "422").timer().count())
                .isEqualTo(10);
    }

    @Test
    void answersPassThrough() {
        ResilientCoreApi api = new ResilientCoreApi((r, c) -> Json.obj("id", "w1"), new CircuitBreaker(3,
                Duration.ofMinutes(1), Clock.systemUTC()), new SimpleMeterRegistry());
        assertThat(api.call(GET, CTX).path("id").asText()).isEqualTo("w1");
    }
}
