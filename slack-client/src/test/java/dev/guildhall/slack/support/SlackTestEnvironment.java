package dev.guildhall.slack.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * What every {@code @QuarkusTest} of the adapter runs against: a fake Slack Web API (MockWebServer)
 * whose URL becomes {@code SLACK_API_URL}, and the signing secret and bot token Slack would hand out.
 */
public class SlackTestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static FakeSlack slack;

    public static FakeSlack slack() {
        return slack;
    }

    @Override
    public Map<String, String> start() {
        slack = new FakeSlack();
        return Map.of(
                "slack.api-url", slack.apiUrl(),
                "slack.signing-secret", SlackSigner.SECRET,
                "slack.bot-token", "xoxb-test-token",
                "slack.drain-every", "off");
    }

    @Override
    public void stop() {
        if (slack != null) slack.close();
    }
}
