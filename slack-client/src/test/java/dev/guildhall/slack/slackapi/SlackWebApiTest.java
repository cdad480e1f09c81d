package dev.guildhall.slack.slackapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.support.FakeSlack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackWebApiTest {

    private final FakeSlack slack = new FakeSlack();
    private final List<Duration> waits = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final SlackWebApi api = new SlackWebApi(new OkHttpClient(), slack.apiUrl(), "xoxb-test", new ObjectMapper(),
            2, Duration.ofSeconds(30), waits::add, metrics);

    @AfterEach
    void close() {
        slack.close();
    }

    @Test
    void callsTheConfiguredBaseWithTheBotToken() {
        api.call("chat.postMessage", Map.of("channel", "C1", "text", "hi"));
        FakeSlack.Received r = slack.calls("chat.postMessage").get(0);
        assertThat(r.authorization()).isEqualTo("Bearer xoxb-test");
        assertThat(r.args().path("channel").asText()).isEqualTo("C1");
        assertThat(r.args().path("text").asText()).isEqualTo("hi");
    }

    @Test
    void nestedArgumentsGoAsJson() {
        api.call("chat.postMessage", Map.of("channel", "C1", "blocks", List.of(Map.of("type", "divider"))));
        assertThat(slack.calls("chat.postMessage").get(0).args().path("blocks").path(0).path("type").asText())
                .isEqualTo("divider");
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        slack.rateLimitNext("chat.postMessage");
        api.call("chat.postMessage", Map.of("channel", "C1", "text", "hi"));
        assertThat(slack.calls("chat.postMessage")).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(metrics.counter("slack.webapi.calls", "method", "chat.postMessage", "outcome", "retry_after").count())
                .isEqualTo(1.0);
    }

    @Test
    void rateLimitsBeyondTheRetriesAreReported() {
        SlackWebApi noRetries = new SlackWebApi(new OkHttpClient(), slack.apiUrl(), "xoxb-test", new ObjectMapper(),
                0, Duration.ofSeconds(30), waits::add, null);
        slack.rateLimitNext("chat.postMessage");
        assertThatThrownBy(() -> noRetries.call("chat.postMessage", Map.of("channel", "C1")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("ratelimited"));
        assertThat(waits).isEmpty();
    }

    @Test
    void retryAfterHeaderParsing() {
        assertThat(SlackWebApi.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackWebApi.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackWebApi.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void slackErrorsBecomeExceptions() {
        slack.fail("conversations.kick", "not_in_channel");
        assertThatThrownBy(() -> api.call("conversations.kick", Map.of("channel", "C1", "user", "U1")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.method()).isEqualTo("conversations.kick");
                    assertThat(e.error()).isEqualTo("not_in_channel");
                });
    }

    @Test
    void responseUrlPostsTheMessageWithoutTheToken() throws Exception {
        api.respond(slack.responseUrl("abc"), new ObjectMapper().readTree("{\"text\":\"done\"}"));
        FakeSlack.Received r = slack.calls("response_url").get(0);
        assertThat(r.args().path("text").asText()).isEqualTo("done");
        assertThat(r.authorization()).isNull();
    }

    @Test
    void anUnreachableSlackIsAnError() {
        SlackWebApi dead = new SlackWebApi(new OkHttpClient(), "http://127.0.0.1:1/api/", "t", new ObjectMapper(),
                1, Duration.ofSeconds(1), waits::add, null);
        assertThatThrownBy(() -> dead.call("auth.test", Map.of()))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("io_error"));
    }
}
