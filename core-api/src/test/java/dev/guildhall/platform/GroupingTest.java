package dev.guildhall.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class GroupingTest {

    @Inject
    DataSource db;

    /** Doubles every item in one statement; an item of -1 fails its group, and 0 makes the work answer one result short. */
    private Grouping<Integer, Integer> doubling() {
        return doubling(OpenTelemetry.noop().getTracer("test"));
    }

    private Grouping<Integer, Integer> doubling(Tracer tracer) {
        return new Grouping<>("test-grouping", db, tracer, (c, items) -> {
            if (items.contains(-1)) throw new IllegalArgumentException("poison");
            List<Integer> results = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select x * 2 from unnest(?::int[]) with ordinality as t(x, n) order by n")) {
                ps.setArray(1, c.createArrayOf("int4", items.toArray(Integer[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) results.add(rs.getInt(1));
                }
            }
            return items.contains(0) ? results.subList(1, results.size()) : results;
        });
    }

    @Test
    void everyItemGetsItsOwnResultFromGroupsOfWhatArrivedMeanwhile() throws Exception {
        Grouping<Integer, Integer> grouping = doubling();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CompletableFuture<Integer>>>> submitted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Integer>> mine = new ArrayList<>();
                    for (int i = 1; i <= 100; i++) mine.add(grouping.submit(thread * 1000 + i).toCompletableFuture());
                    return mine;
                }));
            }
            for (int t = 0; t < 4; t++) {
                List<CompletableFuture<Integer>> mine = submitted.get(t).get(30, TimeUnit.SECONDS);
                for (int i = 1; i <= 100; i++) {
                    assertThat(mine.get(i - 1).get(30, TimeUnit.SECONDS)).isEqualTo(2 * (t * 1000 + i));
                }
            }
        } finally {
            pool.shutdown();
            grouping.stop();
        }
    }

    @Test
    void aFailedGroupFailsItsItemsAndTheNextGroupsGoOn() throws Exception {
        Grouping<Integer, Integer> grouping = doubling();
        try {
            assertThatThrownBy(() -> grouping.submit(-1).toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PersistenceException.class).hasRootCauseMessage("poison");
            assertThatThrownBy(() -> grouping.submit(0).toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PersistenceException.class).hasRootCauseMessage("0 results for 1 items");
            assertThat(grouping.submit(21).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(42);
        } finally {
            grouping.stop();
        }
        assertThatThrownBy(() -> grouping.submit(1).toCompletableFuture().get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PersistenceException.class).hasMessageContaining("stopping");
    }

    @Test
    void aGroupIsASpanUnderItsFirstTracedRequestAndLinksTheOthers() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider traces = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()) {
            Tracer tracer = traces.get("test");
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // item 0 holds the group thread until released, so that the requests behind it make one group
            Grouping<Integer, Integer> grouping = new Grouping<>("test-grouping", db, tracer, (c, items) -> {
                if (items.contains(0)) {
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return items.stream().map(i -> i * 2).toList();
            });
            try {
                Span alone = tracer.spanBuilder("request alone").startSpan();
                try (Scope ignored = alone.makeCurrent()) {
                    assertThat(grouping.submit(21).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(42);
                } finally {
                    alone.end();
                }
                assertThat(groupSpans(exported)).singleElement().satisfies(group -> {
                    assertThat(group.getParentSpanContext()).isEqualTo(alone.getSpanContext());
                    assertThat(group.getLinks()).isEmpty();
                });

                exported.reset();
                CompletableFuture<Integer> held = grouping.submit(0).toCompletableFuture();
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
                List<SpanContext> requests = new ArrayList<>();
                List<CompletableFuture<Integer>> answers = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    Span request = tracer.spanBuilder("request " + i).startSpan();
                    try (Scope ignored = request.makeCurrent()) {
                        answers.add(grouping.submit(i).toCompletableFuture());
                    }
                    request.end();
                    requests.add(request.getSpanContext());
                }
                release.countDown();
                assertThat(held.get(30, TimeUnit.SECONDS)).isZero();
                for (int i = 1; i <= 3; i++) assertThat(answers.get(i - 1).get(30, TimeUnit.SECONDS)).isEqualTo(2 * i);
                // the held item 0 had no traced request: its group has no span
                assertThat(groupSpans(exported)).singleElement().satisfies(group -> {
                    assertThat(group.getParentSpanContext()).isEqualTo(requests.get(0));
                    assertThat(group.getLinks()).extracting(LinkData::getSpanContext)
                            .containsExactly(requests.get(1), requests.get(2));
                    assertThat(group.getAttributes().asMap()).containsValue(3L);
                });
            } finally {
                grouping.stop();
            }
        }
    }

    private static List<SpanData> groupSpans(InMemorySpanExporter exported) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("test-grouping")).toList();
    }
}
