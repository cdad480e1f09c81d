package dev.guildhall.client;

import dev.guildhall.client.model.NewWar;
import dev.guildhall.client.model.Problem;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ErrorMappingTest extends MockServerTest {

    static final NewWar SELF_WAR = new NewWar("chess", "ft3", null, List.of(List.of("discord:1"), List.of("discord:1")));

    @Test
    void aProblemBecomesAnApiExceptionWithAllItsParts() {
        enqueueProblem(400, """
                {"type":"https://guildhall.dev/problems/validation","title":"Invalid request","status":400,
                 "detail":"format: must look like ftN with N from 1 to 10","instance":"/v1/servers/discord:9/wars",
                 "requestId":"req-1","errors":[{"field":"format","message":"must look like ftN with N from 1 to 10"}]}""");

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().create("discord:9", SELF_WAR, CallOptions.none().requestId("req-1")));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("https://guildhall.dev/problems/validation");
        assertThat(e.title()).isEqualTo("Invalid request");
        assertThat(e.detail()).isEqualTo("format: must look like ftN with N from 1 to 10");
        assertThat(e.errors()).containsExactly(new Problem.FieldError("format", "must look like ftN with N from 1 to 10"));
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e.problem().instance()).isEqualTo("/v1/servers/discord:9/wars");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("400").contains("format");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void statusesKeepTheirMeaning() {
        for (int status : new int[]{401, 403, 404, 409, 413, 415, 422}) {
            enqueueProblem(status, "{\"type\":\"https://guildhall.dev/problems/x\",\"title\":\"T\",\"status\":" + status
                    + ",\"detail\":\"d\"}");
            GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                    () -> client.wars().get("w1", CallOptions.none()));
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.isServerUnavailable()).isFalse();
        }
        assertThat(server.getRequestCount()).isEqualTo(7); // none of these is retried, even on a GET
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        enqueueProblem(429, "{\"type\":\"https://guildhall.dev/problems/cooldown\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"Wait 10 s\"}", "Retry-After", "10");

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().create("discord:9", SELF_WAR, CallOptions.none()));

        assertThat(e.isRateLimited()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
    }

    @Test
    void aNonProblemErrorBodyIsStillAnApiException() {
        server.enqueue(new MockResponse(502, Headers.of("Content-Type", "text/html", "X-Request-Id", "lb-7"),
                "<html>Bad Gateway</html>"));

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().create("discord:9", SELF_WAR, CallOptions.none()));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.isServerUnavailable()).isTrue();
        assertThat(e.problem().status()).isEqualTo(502);
        assertThat(e.title()).isNotBlank();
        assertThat(e.requestId()).isEqualTo("lb-7");
    }

    @Test
    void theSentRequestIdIsUsedWhenTheProblemHasNone() {
        enqueueProblem(404, "{\"title\":\"Not found\",\"status\":404}");

        GuildhallApiException e = catchThrowableOfType(GuildhallApiException.class,
                () -> client.wars().get("nope", CallOptions.none().requestId("mine")));

        assertThat(e.isNotFound()).isTrue();
        assertThat(e.requestId()).isEqualTo("mine");
    }

    @Test
    void anUnreadableSuccessIsAGuildhallExceptionNotUnavailability() {
        enqueueJson(200, "{not json");

        assertThatThrownBy(() -> client.wars().get("w1", CallOptions.none()))
                .isExactlyInstanceOf(GuildhallException.class)
                .hasMessageContaining("Unreadable answer");
    }

    @Test
    void anUnreachableServerIsUnavailable() throws IOException {
        String url = server.url("/").toString();
        server.close(); // nothing listens on the port now: connection refused
        try (GuildhallClient down = GuildhallClient.builder().baseUrl(url).apiKey(KEY)
                .connectTimeout(Duration.ofMillis(500)).sleeper(sleeps::add).build()) {

            GuildhallUnavailableException e = catchThrowableOfType(GuildhallUnavailableException.class,
                    () -> down.wars().get("w1", CallOptions.none().requestId("r-down")));

            assertThat(e.requestId()).isEqualTo("r-down");
            assertThat(e.getCause()).isInstanceOf(IOException.class);
            assertThat(sleeps).hasSize(2); // a GET: the default two retries, then give up
            assertThatThrownBy(() -> down.wars().accept("w1", CallOptions.none()))
                    .isInstanceOf(GuildhallUnavailableException.class);
            assertThat(sleeps).hasSize(2); // a plain POST: no retry
        }
    }

    @Test
    void aTimeoutIsUnavailable() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}")
                .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).build());
        try (GuildhallClient slow = clientBuilder().readTimeout(Duration.ofMillis(200)).maxRetries(0).build()) {
            assertThatThrownBy(() -> slow.wars().get("w1", CallOptions.none()))
                    .isInstanceOf(GuildhallUnavailableException.class);
        }
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        assertThat(Transport.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Transport.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(Transport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO); // past
        assertThat(Transport.retryAfter("soon")).isNull();
        assertThat(Transport.retryAfter(null)).isNull();
    }
}
