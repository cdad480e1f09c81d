package dev.guildhall.client;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on loopback and a client pointed at it; waits are recorded, not slept. */
abstract class MockServerTest {

    static final String KEY = "gh_test_key";

    MockWebServer server;
    GuildhallClient client;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = clientBuilder().build();
    }

    GuildhallClient.Builder clientBuilder() {
        return GuildhallClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(KEY)
                .readTimeout(Duration.ofSeconds(2))
                .sleeper(sleeps::add);
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    void enqueueJson(int status, String body) {
        server.enqueue(new MockResponse(status, Headers.of("Content-Type", "application/json"), body));
    }

    void enqueueProblem(int status, String body, String... headers) {
        Headers.Builder h = new Headers.Builder().add("Content-Type", "application/problem+json");
        for (int i = 0; i < headers.length; i += 2) h.add(headers[i], headers[i + 1]);
        server.enqueue(new MockResponse(status, h.build(), body));
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no request arrived");
        return r;
    }
}
