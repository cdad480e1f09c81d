package dev.guildhall.slack.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.slackapi.SlackWebApi;
import dev.guildhall.slack.support.FakeSlack;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's 3-second rule: inline when quick, acknowledged at once and delivered through response_url when not. */
class SlackResponderTest {

    private final FakeSlack slack = new FakeSlack();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SlackFormat format = new SlackFormat();
    private final Responder responder = new Responder(pool,
            new SlackWebApi(new OkHttpClient(), slack.apiUrl(), "t", new ObjectMapper(), 1, Duration.ofSeconds(5), d -> { }, null),
            format, Duration.ofMillis(300));

    @AfterEach
    void close() {
        pool.shutdownNow();
        slack.close();
    }

    @Test
    void aQuickAnswerIsInline() {
        Reply reply = responder.inlineOrLater(() -> format.note("done"), slack.responseUrl("r1"), "req");
        assertThat(reply.text()).isEqualTo("done");
        assertThat(slack.received).isEmpty();
    }

    @Test
    void aSlowAnswerIsAcknowledgedAtOnceAndDeliveredThroughResponseUrl() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        long start = System.nanoTime();
        Reply reply = responder.inlineOrLater(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Reply(false, "the war card", null, false);
        }, slack.responseUrl("r2"), "req");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(reply.text()).isEqualTo("Working on it…");
        assertThat(reply.ephemeral()).isTrue();
        assertThat(waitedMs).isBetween(250L, 2000L);
        assertThat(slack.received).isEmpty();
        release.countDown();
        FakeSlack.Received delivered = slack.await("response_url", 1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.args().path("text").asText()).isEqualTo("the war card");
        assertThat(delivered.args().path("response_type").asText()).isEqualTo("in_channel");
    }

    @Test
    void aFailureAfterTheAcknowledgementStillGetsAnAnswer() {
        Reply reply = responder.inlineOrLater(() -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("boom");
        }, slack.responseUrl("r3"), "req");
        assertThat(reply.text()).isEqualTo("Working on it…");
        FakeSlack.Received delivered = slack.await("response_url", 1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.args().path("text").asText()).contains("try again");
        assertThat(delivered.args().path("response_type").asText()).isEqualTo("ephemeral");
    }

    @Test
    void buttonAnswersGoThroughResponseUrl() throws Exception {
        responder.later(() -> new Reply(false, "updated card", null, true), slack.responseUrl("r4"), "req")
                .get(5, TimeUnit.SECONDS);
        FakeSlack.Received delivered = slack.calls("response_url").get(0);
        assertThat(delivered.args().path("replace_original").asBoolean()).isTrue();
    }
}
