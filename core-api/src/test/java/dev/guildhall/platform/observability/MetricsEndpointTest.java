package dev.guildhall.platform.observability;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Prometheus and the Grafana dashboard (docker/grafana) read from {@code /q/metrics}. */
@QuarkusTest
class MetricsEndpointTest {

    @Test
    void httpServerRequestsArePublishedAsHistogramPerRouteTemplate() {
        Api.admin().get("/v1/admin/api-keys").then().statusCode(200);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern(
                "(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/admin/api-keys\"[^}]*le=\"[0-9.]+\"[^}]*} [0-9.E]+$");
        assertThat(metrics).containsPattern(
                "(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/admin/api-keys\"[^}]*le=\"\\+Inf\"");
    }

    @Test
    void routeTemplatesNotRawPathsBecomeTheUriTag() {
        String server = Api.newServer("discord:1");
        Api.platform().get("/v1/servers/" + server + "/config").then().statusCode(200);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("uri=\"/v1/servers/{server}/config\"");
        assertThat(metrics).doesNotContain("uri=\"/v1/servers/" + server);
    }

    @Test
    void databasePoolGaugesArePublished() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("(?m)^agroal_active_count\\{");
        assertThat(metrics).containsPattern("(?m)^agroal_max_used_count\\{");
    }
}
