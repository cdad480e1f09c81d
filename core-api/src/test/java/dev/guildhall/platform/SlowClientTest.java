package dev.guildhall.platform;

import dev.guildhall.support.Api;
import dev.guildhall.support.RawHttp;
import dev.guildhall.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that stall or give up: a connection that never finishes its request is closed after the idle
 * timeout (application.properties says why 30 s) while kept-alive connections keep serving; an upload the
 * client cuts short is no error of ours and logs none.
 */
@QuarkusTest
class SlowClientTest {

    @Test
    void aRequestWhoseHeadersNeverEndIsClosedWithinTheIdleTimeout() throws Exception {
        try (Socket socket = RawHttp.connect()) {
            RawHttp.send(socket, "GET /v1/servers/discord:1 HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            long start = System.nanoTime();
            assertThat(RawHttp.closedWithin(socket, 45_000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000_000).isBetween(25L, 40L);
        }
    }

    @Test
    void aKeptAliveConnectionServesRequestAfterRequest() throws Exception {
        try (Socket socket = RawHttp.connect()) {
            for (int i = 0; i < 3; i++) {
                RawHttp.send(socket, "GET /v1/admin/api-keys?limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestDatabase.ADMIN_KEY + "\r\n\r\n");
                assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
                Thread.sleep(2_000);
            }
        }
    }

    @Test
    void anUploadCutShortLogsNoErrorAndBreaksNothing() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String owner = Api.newUser();
            String server = Api.newServer(owner);
            for (String path : List.of("/v1/servers/discord:" + Api.nextId(), "/v1/servers/" + server + "/messages/check",
                    "/v1/servers/" + server + "/wars")) {
                try (Socket socket = RawHttp.connect()) {
                    RawHttp.send(socket, (path.endsWith("/wars") ? "POST " : path.contains("messages") ? "POST " : "PUT ") + path
                            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Api.platformKey() + "\r\n"
                            + "X-Actor-Id: " + owner + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\":\"ab");
                }
            }
            try (Socket socket = RawHttp.connect()) { // chunked, cut mid-chunk
                RawHttp.send(socket, "PUT /v1/servers/discord:" + Api.nextId() + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + Api.platformKey() + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n20\r\n{\"name\":");
            }
            Thread.sleep(1_000);
            Api.platform().get("/v1/servers/" + server).then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(records).noneMatch(r -> r.getThrown() != null);
    }
}
