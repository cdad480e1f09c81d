package dev.guildhall.slack.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * What every {@code @QuarkusTest} of the adapter runs against: a real core-api child process (its
 * embedded PostgreSQL included) with a platform key made through its admin API, and a fake Slack Web
 * API (MockWebServer) whose URL becomes {@code SLACK_API_URL}; plus the signing secret and bot token
 * Slack would hand out. Started once for all of them.
 */
public class SlackTestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static FakeSlack slack;
    private static CoreApiProcess core;

    public static FakeSlack slack() {
        return slack;
    }

    public static CoreApiProcess core() {
        return core;
    }

    @Override
    public Map<String, String> start() {
        slack = new FakeSlack();
        core = CoreApiProcess.start();
        return Map.of(
                "guildhall.api-url", core.url(),
                "guildhall.api-key", core.platformKey(),
                "slack.api-url", slack.apiUrl(),
                "slack.signing-secret", SlackSigner.SECRET,
                "slack.bot-token", "xoxb-test-token",
                "slack.drain-every", "off");
    }

    @Override
    public void stop() {
        if (core != null) core.close();
        if (slack != null) slack.close();
    }
}
