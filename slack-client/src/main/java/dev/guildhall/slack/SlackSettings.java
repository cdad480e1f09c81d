package dev.guildhall.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Slack-side settings, from the environment ({@code SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN}, {@code SLACK_API_URL}). */
@ConfigMapping(prefix = "slack")
public interface SlackSettings {

    /** The app's signing secret (Basic Information → App Credentials). */
    String signingSecret();

    /** The bot token ({@code xoxb-…}) for Web API calls. */
    String botToken();

    /**
     * An admin's user token ({@code xoxp-…}, scope {@code chat:write}), used only to delete messages
     * automod refuses: a bot token can delete nothing but the bot's own messages.
     */
    Optional<String> userToken();

    /** The Web API base, e.g. {@code https://slack.com/api/}; tests point it at a local fake. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** How old a signed request may be before it is refused (Slack recommends five minutes). */
    @WithDefault("5M")
    Duration maxRequestAge();

    /** How long a slash command may wait for core-api before it is acknowledged and answered through response_url. */
    @WithDefault("2200MS")
    Duration inlineBudget();

    /** A Slack user group (id {@code S…}) whose members get moderator permissions, besides workspace admins and owners. */
    Optional<String> moderatorGroup();

    /** How long a user's admin/owner/group standing is trusted before Slack is asked again. */
    @WithDefault("60S")
    Duration actorCacheTtl();

    /** How many times a Web API call rate-limited with 429 is retried after its Retry-After. */
    @WithDefault("3")
    int rateLimitRetries();

    /** The longest Retry-After honoured inline; longer waits give up (the call is reported as rate-limited). */
    @WithDefault("30S")
    Duration maxRetryAfter();

    /** How often deferred platform actions are claimed from core-api ({@code off} disables it). */
    @WithDefault("5s")
    String drainEvery();
}
