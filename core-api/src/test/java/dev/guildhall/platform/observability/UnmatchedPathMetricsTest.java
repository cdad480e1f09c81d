package dev.guildhall.platform.observability;

import dev.guildhall.support.Api;
import dev.guildhall.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §9: unknown paths never create metric series. However a request fails to match a route — unknown
 * path, unknown method, refused before routing, cut off by the client — it is counted under one label, and a
 * method name a client makes up is no label of its own either.
 */
@QuarkusTest
class UnmatchedPathMetricsTest {

    private static final Pattern URI = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"");

    @Test
    void requestsToRandomPathsShareOneUriLabel() throws Exception {
        Set<String> before = uris();
        String token = "probe" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 4; i++) {
            String random = token + i;
            RestAssured.get("/" + random);
            RestAssured.get("/v1/" + random);
            RestAssured.given().contentType(ContentType.TEXT).body("x").put("/v1/servers/discord:" + i + random);
            RestAssured.options("/v1/servers/discord:1/" + random);
            RestAssured.given().header("Authorization", "Bearer nope").delete("/v1/servers/discord:" + i + "/" + random);
            RestAssured.get("/v1/" + random + "?q=" + "a".repeat(5_000));
            Api.platform().urlEncodingEnabled(false).get("/v1/" + random + "%00");
            RawHttp.exchange(token.toUpperCase() + i + " /v1/servers/discord:1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n"); // a method made up
            try (Socket socket = RawHttp.connect()) { // a body cut short
                RawHttp.send(socket, "PUT /v1/" + random + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"a\"");
            }
        }
        Thread.sleep(300); // cut-off requests are counted when the server sees the connection close

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.toLowerCase().contains(token))).isEmpty();
        Set<String> after = uris();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        assertThat(added).hasSizeLessThanOrEqualTo(1);
        assertThat(after).contains("/unmatched");
    }

    private static Set<String> uris() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new TreeSet<>();
        Matcher m = URI.matcher(metrics);
        while (m.find()) uris.add(m.group(1));
        return uris;
    }
}
