package dev.guildhall.discord.ops;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.util.Map;

/**
 * OpenTelemetry tracing of the adapter, configured like any OpenTelemetry SDK by the standard {@code OTEL_*}
 * variables ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER} …) and off unless
 * {@code OTEL_SDK_DISABLED=false}, as in core-api. Each gateway event the bot handles is a span; its calls to
 * core-api are child spans that carry the W3C {@code traceparent} header, so one trace runs from the Discord
 * event through core-api to the database.
 */
public final class Tracing implements AutoCloseable {

    static final AttributeKey<String> SERVER = AttributeKey.stringKey("guildhall.server");
    /** Discord's id of what the event is about: the message, interaction, guild, member or audit-log entry. */
    static final AttributeKey<String> DISCORD_ID = AttributeKey.stringKey("discord.id");

    /** What differs from the SDK's own defaults when it is on; any OTEL_* variable overrides these. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "otel.service.name", "guildhall-discord-client",
            "otel.metrics.exporter", "none", // metrics are Micrometer's, on /q/metrics
            "otel.logs.exporter", "none");

    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    private Tracing(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("dev.guildhall.discord");
    }

    /** From the environment; {@code settings} (property names, e.g. {@code otel.sdk.disabled}) win over it. */
    public static Tracing configure(Map<String, String> settings) {
        if (!enabled(settings, System.getenv())) return off();
        Map<String, String> fixed = Map.copyOf(settings);
        return new Tracing(AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> DEFAULTS)
                .addPropertiesCustomizer(config -> fixed)
                .disableShutdownHook() // close() flushes; the bot's own shutdown hook calls it
                .build()
                .getOpenTelemetrySdk());
    }

    /**
     * Whether {@code otel.sdk.disabled} is false, where the SDK would read it (settings, then the system property,
     * then the environment). Decided here because the SDK's own "disabled" still records spans and still sends
     * {@code traceparent}: core-api, tracing, would then hang its spans under parents nobody exports.
     */
    static boolean enabled(Map<String, String> settings, Map<String, String> env) {
        String disabled = settings.get("otel.sdk.disabled");
        if (disabled == null) disabled = System.getProperty("otel.sdk.disabled");
        if (disabled == null) disabled = env.get("OTEL_SDK_DISABLED");
        return disabled != null && !Boolean.parseBoolean(disabled.trim());
    }

    /** Tracing off: no spans, no {@code traceparent}. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop());
    }

    public OpenTelemetry openTelemetry() {
        return telemetry;
    }

    /**
     * Runs {@code handler} inside a span for one event from Discord: calls it starts (on the bot's workers too,
     * which carry the context over) become its children. {@code server} may be null.
     */
    public void event(String name, String server, String id, Runnable handler) {
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).startSpan();
        if (server != null) span.setAttribute(SERVER, server);
        span.setAttribute(DISCORD_ID, id);
        try (Scope ignored = span.makeCurrent()) {
            handler.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Exports what is still buffered and stops the exporter. */
    @Override
    public void close() {
        if (telemetry instanceof OpenTelemetrySdk sdk) sdk.close();
    }
}
