package dev.guildhall.discord.fake;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint ({@code POST /v1/traces}, protobuf), as the services
 * export to one in production: it decodes what they send and keeps every span.
 */
public final class FakeCollector implements AutoCloseable {

    /** One received span; ids in hex, {@code parentSpanId} empty for a root. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name,
                       String kind, Map<String, String> attributes) {}

    private final MockWebServer server = new MockWebServer();
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    public FakeCollector() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return receive(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** The OTLP endpoint, without the signal's path (the exporters add {@code /v1/traces}). */
    public String endpoint() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Waits until some span matches, and returns the first that does. */
    public Span await(Predicate<Span> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Span s : spans) if (match.test(s)) return s;
            if (System.nanoTime() > end) throw new AssertionError("no such span in " + spans);
            Thread.sleep(50);
        }
    }

    /** The span's parent, its parent's parent … up to the root, waiting for each to arrive. */
    public List<Span> ancestors(Span span, Duration timeout) throws InterruptedException {
        List<Span> chain = new ArrayList<>();
        Span s = span;
        while (!s.parentSpanId().isEmpty()) {
            Span child = s;
            s = await(p -> p.traceId().equals(child.traceId()) && p.spanId().equals(child.parentSpanId()), timeout);
            chain.add(s);
        }
        return chain;
    }

    private MockResponse receive(RecordedRequest request) {
        if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/v1/traces")) {
            return new MockResponse.Builder().code(404).build();
        }
        try {
            ByteString body = request.getBody() == null ? ByteString.EMPTY : request.getBody();
            byte[] bytes = "gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"))
                    ? new GZIPInputStream(new Buffer().write(body).inputStream()).readAllBytes()
                    : body.toByteArray();
            keep(ExportTraceServiceRequest.parseFrom(bytes));
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).body(e.toString()).build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-protobuf")
                .body(new Buffer().write(ExportTraceServiceResponse.getDefaultInstance().toByteArray())).build();
    }

    private void keep(ExportTraceServiceRequest export) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : export.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
                    spans.add(new Span(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s.getKind().name(), attributes(s.getAttributesList())));
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            var v = kv.getValue();
            out.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                default -> v.toString();
            });
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
