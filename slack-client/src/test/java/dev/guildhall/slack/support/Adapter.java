package dev.guildhall.slack.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.actions.ActionExecutor;
import dev.guildhall.slack.actors.ActorResolver;
import dev.guildhall.slack.commands.CommandContext;
import dev.guildhall.slack.commands.CommandRouter;
import dev.guildhall.slack.commands.ConfigCommands;
import dev.guildhall.slack.commands.HelpCommand;
import dev.guildhall.slack.commands.ModerationCommands;
import dev.guildhall.slack.commands.WarCommands;
import dev.guildhall.slack.commands.Workspaces;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmParser;
import dev.guildhall.slack.slackapi.SlackWebApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The adapter's objects put together as SlackWiring does, around a fake core-api and a fake Slack. */
public final class Adapter {

    public final FakeCoreApi core = new FakeCoreApi();
    public final FakeSlack slack;
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final SlackFormat format = new SlackFormat();
    public final SlackWebApi webApi;
    public final ActorResolver actors;
    public final ActionExecutor actions;
    public final CommandRouter router;

    public Adapter(FakeSlack slack, Optional<String> moderatorGroup) {
        this.slack = slack;
        ObjectMapper json = new ObjectMapper();
        webApi = new SlackWebApi(new OkHttpClient(), slack.apiUrl(), "xoxb-test", json, 2, Duration.ofSeconds(5),
                d -> { }, metrics);
        actors = new ActorResolver(webApi, moderatorGroup, Duration.ofSeconds(60), Clock.systemUTC());
        actions = new ActionExecutor(webApi, format, json, metrics);
        router = new CommandRouter(new GmParser(), List.of(new HelpCommand(format), new WarCommands(core, format),
                new ModerationCommands(core, actors, actions, format), new ConfigCommands(core, format)),
                new Workspaces(core), format, metrics);
    }

    /** A command by {@code user} in workspace T1, channel C1. */
    public CommandContext context(String user, String trigger) {
        return new CommandContext("T1", "acme", "C1", user, trigger, "req-" + trigger,
                () -> actors.resolve("T1", user, user.toLowerCase()));
    }
}
