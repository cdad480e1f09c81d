package dev.guildhall.slack.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.slackapi.SlackWebApi;
import dev.guildhall.slack.support.FakeSlack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ActionExecutorTest {

    private final FakeSlack slack = new FakeSlack();
    private final ObjectMapper json = new ObjectMapper();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        slack.close();
    }

    private SlackWebApi api(String token) {
        return new SlackWebApi(new OkHttpClient(), slack.apiUrl(), token, json, 2, Duration.ofSeconds(5), d -> { }, metrics);
    }

    @Test
    void messagesAreDeletedWithTheAdminUserTokenAndEverythingElseWithTheBotToken() throws Exception {
        ActionExecutor actions = new ActionExecutor(api("xoxb-bot"), api("xoxp-admin"), new SlackFormat(), json, metrics);
        ActionExecutor.Origin origin = new ActionExecutor.Origin("T1", "C1");

        assertThat(actions.execute(json.readTree("{\"type\":\"delete\",\"channel\":\"C1\",\"messageId\":\"1.2\"}"), origin)).isTrue();
        actions.execute(json.readTree("{\"type\":\"log\",\"channel\":\"C9\",\"text\":\"deleted a message\"}"), origin);

        assertThat(slack.calls("chat.delete")).singleElement()
                .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer xoxp-admin"));
        assertThat(slack.calls("chat.postMessage")).singleElement()
                .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer xoxb-bot"));
    }

    @Test
    void withoutAUserTokenTheBotTriesItself() throws Exception {
        ActionExecutor actions = new ActionExecutor(api("xoxb-bot"), new SlackFormat(), json, metrics);
        actions.execute(json.readTree("{\"type\":\"delete\",\"channel\":\"C1\",\"messageId\":\"1.2\"}"),
                new ActionExecutor.Origin("T1", "C1"));
        assertThat(slack.calls("chat.delete")).singleElement()
                .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer xoxb-bot"));
    }
}
