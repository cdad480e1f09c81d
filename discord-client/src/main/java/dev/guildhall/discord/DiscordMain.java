package dev.guildhall.discord;

import dev.guildhall.client.GuildhallClient;
import dev.guildhall.discord.api.CircuitBreaker;
import dev.guildhall.discord.api.ClientCoreApi;
import dev.guildhall.discord.api.CoreApi;
import dev.guildhall.discord.api.ResilientCoreApi;
import dev.guildhall.discord.ops.Tracing;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts the Discord adapter from environment variables (see README.md). */
public final class DiscordMain {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordMain.class);

    private DiscordMain() {}

    public static void main(String[] args) throws Exception {
        BotConfig config;
        try {
            config = BotConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("discord-client: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry meters = DiscordBot.newRegistry();
        Tracing tracing = Tracing.configure(Map.of());
        GuildhallClient client = client(config, tracing);
        DiscordBot bot = DiscordBot.start(config, coreApi(client, meters), meters, tracing);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            bot.close();
            client.close();
            tracing.close();
            stopped.countDown();
        }, "discord-client-stop"));
        stopped.await();
    }

    /** The typed client of core-api; each call a client span of the event it serves, its context sent along. */
    public static GuildhallClient client(BotConfig config, Tracing tracing) {
        return GuildhallClient.builder().baseUrl(config.apiUrl()).apiKey(config.apiKey())
                .calls(OkHttpTelemetry.create(tracing.openTelemetry())::newCallFactory)
                .build();
    }

    /** The typed client behind a circuit breaker: 5 straight failures open it for 10 s. */
    public static CoreApi coreApi(GuildhallClient client, PrometheusMeterRegistry meters) {
        return new ResilientCoreApi(new ClientCoreApi(client),
                new CircuitBreaker(5, Duration.ofSeconds(10), Clock.systemUTC()), meters);
    }
}
