package dev.guildhall.discord.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * How the adapter logs (logback, which finds this class as its {@link Configurator}): one line per event on standard
 * output, plain text by default and JSON with {@code DISCORD_LOG_JSON=true}, as core-api's
 * {@code QUARKUS_LOG_CONSOLE_JSON}. Each line written while the bot handles a Discord event carries its
 * {@code requestId}, {@code server} and {@code actor} (the MDC, set per event and carried to the worker threads).
 * Configured in code rather than in logback.xml, which cannot pick an encoder from an environment variable without
 * an expression engine.
 */
public final class Logs extends ContextAwareBase implements Configurator {

    static final String TEXT = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} "
            + "[req=%X{requestId} server=%X{server} actor=%X{actor}] %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, Map<String, String> env) {
        boolean json = Boolean.parseBoolean(env.getOrDefault("DISCORD_LOG_JSON", "false").trim());
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(json ? json(context) : text(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(env.getOrDefault("DISCORD_LOG_LEVEL", "INFO").trim(), Level.INFO));
        root.addAppender(console);
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false); // the formatted message instead, with its arguments filled in
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT);
        encoder.start();
        return encoder;
    }

    /**
     * Runs {@code handler} with the event's log context: {@code requestId}, {@code server}, {@code actor} (any may be
     * null), restoring the thread's own afterwards.
     */
    public static void withContext(String requestId, String server, String actor, Runnable handler) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        putIfPresent("requestId", requestId);
        putIfPresent("server", server);
        putIfPresent("actor", actor);
        try {
            handler.run();
        } finally {
            restore(before);
        }
    }

    /** {@code pool}, each task running with the log context of the thread that submitted it. */
    public static Executor carryingContext(Executor pool) {
        return task -> {
            Map<String, String> submitted = MDC.getCopyOfContextMap();
            pool.execute(() -> {
                Map<String, String> before = MDC.getCopyOfContextMap();
                restore(submitted);
                try {
                    task.run();
                } finally {
                    restore(before);
                }
            });
        };
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) MDC.put(key, value);
    }

    private static void restore(Map<String, String> context) {
        if (context == null) MDC.clear();
        else MDC.setContextMap(context);
    }
}
