package dev.guildhall.platform;

import dev.guildhall.support.Api;
import dev.guildhall.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's own HTTP client asks to upgrade every {@code http://} request to HTTP/2 (h2c), body and all;
 * requests with a body then failed with a text/plain 500. They are served, on HTTP/1.1.
 */
@QuarkusTest
class Http2UpgradeTest {

    private final HttpClient client = HttpClient.newHttpClient(); // HTTP/2 preferred: the default

    @Test
    void postPutAndPatchWithABodyAreServedWhenTheClientAsksForH2c() throws Exception {
        String owner = Api.newUser();
        String server = "discord:" + Api.nextId();

        HttpResponse<String> put = send("PUT", "/v1/servers/" + server, owner, "{\"name\":\"h2c\",\"owner\":\"" + owner + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

        HttpResponse<String> patch = send("PATCH", "/v1/servers/" + server + "/config", owner, "{\"modLogChannel\":\"42\"}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(patch.body()).contains("\"modLogChannel\":\"42\"");

        HttpResponse<String> post = send("POST", "/v1/servers/" + server + "/wars", owner,
                "{\"game\":\"chess\",\"format\":\"ft1\",\"sides\":[[\"" + owner + "\"],[\"" + Api.newUser() + "\"]]}");
        assertThat(post.statusCode()).as(post.body()).isEqualTo(201);

        HttpResponse<String> refused = send("POST", "/v1/servers/" + server + "/wars", owner, "{\"game\":");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    }

    @Test
    void aGetIsServedToo() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String owner, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + Api.platformKey())
                .header("X-Actor-Id", owner).header("X-Actor-Owner", "true")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
