package dev.guildhall.discord.ops;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LogsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStandardOutput() {
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(stdout);
        MDC.clear();
    }

    /** A context of its own, with the MDC that logback's service provider gives the application's. */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        return context;
    }

    private String lines() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesCarryTheEventsRequestIdServerAndActorOnTheWorkerThreadsToo() throws Exception {
        LoggerContext context = context();
        Logs.configure(context, Map.of("DISCORD_LOG_JSON", "true"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Executor workers = Logs.carryingContext(pool);
        try {
            Logs.withContext("discord-42", "discord:9", "discord:5",
                    () -> workers.execute(() -> context.getLogger("bot").info("ban failed: {}", "403")));
            workers.execute(() -> context.getLogger("bot").warn("outside any event"));
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        String[] lines = lines().strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode event = json.readTree(lines[0]);
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("formattedMessage").asText()).isEqualTo("ban failed: 403");
        assertThat(event.path("mdc").path("requestId").asText()).isEqualTo("discord-42");
        assertThat(event.path("mdc").path("server").asText()).isEqualTo("discord:9");
        assertThat(event.path("mdc").path("actor").asText()).isEqualTo("discord:5");
        assertThat(json.readTree(lines[1]).path("mdc").path("requestId").isMissingNode()).isTrue();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty(); // the event's context is gone from this thread
    }

    @Test
    void plainTextByDefaultWithTheSameFields() {
        LoggerContext context = context();
        Logs.configure(context, Map.of());
        Logs.withContext("discord-7", "discord:9", null, () -> context.getLogger("bot").info("hello"));
        assertThat(lines()).contains("[req=discord-7 server=discord:9 actor=] hello").contains("INFO");
    }
}
