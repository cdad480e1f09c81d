package dev.guildhall.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.actions.ActionExecutor;
import dev.guildhall.slack.actors.ActorResolver;
import dev.guildhall.slack.commands.CommandRouter;
import dev.guildhall.slack.commands.ConfigCommands;
import dev.guildhall.slack.commands.HelpCommand;
import dev.guildhall.slack.commands.ModerationCommands;
import dev.guildhall.slack.commands.WarCommands;
import dev.guildhall.slack.commands.Workspaces;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.core.ReplayTracker;
import dev.guildhall.slack.core.TypedCoreApi;
import dev.guildhall.slack.ops.CoreCircuit;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import dev.guildhall.slack.events.EventHandler;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmParser;
import dev.guildhall.slack.http.Responder;
import dev.guildhall.slack.http.SlackSignature;
import dev.guildhall.slack.slackapi.SlackWebApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where the adapter is put together: every collaborator is a plain object built here
 * from the typed settings, so each can be unit-tested with fakes and nothing is wired by scanning.
 */
@ApplicationScoped
public class SlackWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OkHttpClient slackHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15))
                .build();
    }

    void closeSlackHttp(@Disposes OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Produces
    @Singleton
    SlackWebApi slackWebApi(OkHttpClient http, SlackSettings slack, ObjectMapper json, MeterRegistry metrics) {
        return new SlackWebApi(http, slack.apiUrl(), slack.botToken(), json, slack.rateLimitRetries(),
                slack.maxRetryAfter(), d -> Thread.sleep(d.toMillis()), metrics);
    }

    @Produces
    @Singleton
    SlackSignature signature(SlackSettings slack, Clock clock) {
        return new SlackSignature(slack.signingSecret(), slack.maxRequestAge(), clock);
    }

    @Produces
    @Singleton
    SlackFormat format() {
        return new SlackFormat();
    }

    @Produces
    @Singleton
    ActorResolver actors(SlackWebApi slack, SlackSettings settings, Clock clock) {
        return new ActorResolver(slack, settings.moderatorGroup(), settings.actorCacheTtl(), clock);
    }

    @Produces
    @Singleton
    ActionExecutor actions(SlackWebApi slack, OkHttpClient http, SlackSettings settings, SlackFormat format,
                           ObjectMapper json, MeterRegistry metrics) {
        SlackWebApi deleter = settings.userToken().filter(token -> !token.isBlank())
                .map(token -> new SlackWebApi(http, settings.apiUrl(), token, json, settings.rateLimitRetries(),
                        settings.maxRetryAfter(), d -> Thread.sleep(d.toMillis()), metrics))
                .orElse(slack);
        return new ActionExecutor(slack, deleter, format, json, metrics);
    }

    @Produces
    @Singleton
    ReplayTracker replayTracker() {
        return new ReplayTracker();
    }

    /**
     * The typed client of core-api, sharing one OkHttp stack that also reports idempotent replays; each call a
     * client span of the Slack request it serves, its trace context sent along.
     */
    @Produces
    @Singleton
    GuildhallClient guildhallClient(GuildhallSettings settings, ReplayTracker replays, OpenTelemetry telemetry,
                                    @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        // with the SDK off, Quarkus's OpenTelemetry still samples a client span and sends its traceparent, which
        // core-api, tracing, would continue under a parent nobody exports: off, the calls go as they are
        return GuildhallClient.builder()
                .baseUrl(settings.apiUrl())
                .apiKey(settings.apiKey())
                .httpClient(new OkHttpClient.Builder().addInterceptor(replays).build())
                .calls(tracingOff ? client -> client : OkHttpTelemetry.create(telemetry)::newCallFactory)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(8))
                .maxRetries(2)
                .build();
    }

    void closeGuildhallClient(@Disposes GuildhallClient client) {
        client.close();
    }

    /**
     * One circuit breaker for core-api: when half of the last 10 calls failed to reach it, calls stop
     * for 5 s (answered at once with "try again"), then a few probe calls decide whether it is back.
     */
    @Produces
    @Singleton
    CoreApi coreApi(GuildhallClient client, ReplayTracker replays, @Readiness CoreCircuit circuit) {
        Guard guard = TypedCoreApi.circuitBreaker("core-api", 10, Duration.ofSeconds(5), circuit::changed);
        return new TypedCoreApi(client, guard, replays);
    }

    @Produces
    @Singleton
    CommandRouter router(CoreApi core, ActorResolver actors, ActionExecutor actions, SlackFormat format,
                         MeterRegistry metrics) {
        return new CommandRouter(new GmParser(),
                List.of(new HelpCommand(format),
                        new WarCommands(core, format),
                        new ModerationCommands(core, actors, actions, format),
                        new ConfigCommands(core, format)),
                new Workspaces(core), format, metrics);
    }

    @Produces
    @Singleton
    EventHandler events(CoreApi core, ActionExecutor actions, MeterRegistry metrics) {
        return new EventHandler(core, actions, metrics);
    }

    /**
     * Threads for commands that outlive Slack's 3 s, button clicks and events; each task carries the trace context
     * of the Slack request it serves.
     */
    private final ExecutorService work = Context.taskWrapping(Executors.newFixedThreadPool(16, new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "slack-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }));

    @PreDestroy
    void stopWork() {
        work.shutdown();
    }

    @Produces
    @Singleton
    Responder responder(SlackWebApi slack, SlackFormat format, SlackSettings settings) {
        return new Responder(work, slack, format, settings.inlineBudget());
    }
}
