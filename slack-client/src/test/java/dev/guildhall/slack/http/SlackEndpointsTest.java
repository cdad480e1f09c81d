package dev.guildhall.slack.http;

import dev.guildhall.slack.support.FakeSlack;
import dev.guildhall.slack.support.SlackSigner;
import dev.guildhall.slack.support.SlackTestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The HTTP surface as Slack sees it: signatures, url_verification, answers that need no core-api, operations. */
@QuarkusTest
class SlackEndpointsTest {

    private static final String VERIFICATION = "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";

    @Test
    void urlVerificationIsAnswered() {
        SlackSigner.post("/slack/events", VERIFICATION, ContentType.JSON)
                .then().statusCode(200).body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void unsignedStaleTamperedOrWronglySignedRequestsAre401() {
        for (String path : new String[]{"/slack/commands", "/slack/interactions", "/slack/events"}) {
            RestAssured.given().contentType(ContentType.JSON).body(VERIFICATION).post(path)
                    .then().statusCode(401).body("reason", equalTo("missing_headers"));
        }
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
        RestAssured.given().contentType(ContentType.JSON).body(VERIFICATION)
                .header("X-Slack-Request-Timestamp", stale)
                .header("X-Slack-Signature", SlackSigner.sign(SlackSigner.SECRET, stale, VERIFICATION))
                .post("/slack/events").then().statusCode(401).body("reason", equalTo("stale"));
        String ts = SlackSigner.now();
        RestAssured.given().contentType(ContentType.JSON).body(VERIFICATION.replace("3eZ", "XXX"))
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSigner.sign(SlackSigner.SECRET, ts, VERIFICATION))
                .post("/slack/events").then().statusCode(401).body("reason", equalTo("bad_signature"));
        RestAssured.given().contentType(ContentType.JSON).body(VERIFICATION)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSigner.sign("some-other-secret", ts, VERIFICATION))
                .post("/slack/events").then().statusCode(401).body("reason", equalTo("bad_signature"));
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("slack_requests_refused_total{endpoint=\"events\",reason=\"stale\"}"));
    }

    @Test
    void theSignatureCoversTheRawBytesNotTheParsedForm() {
        // the same fields, encoded differently ('+' vs '%20'), are a different body: refused
        String signed = "team_id=T1&user_id=U1&trigger_id=t&text=help%20war";
        String sent = "team_id=T1&user_id=U1&trigger_id=t&text=help+war";
        String ts = SlackSigner.now();
        RestAssured.given().contentType(ContentType.URLENC.withCharset("utf-8")).body(sent)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSigner.sign(SlackSigner.SECRET, ts, signed))
                .post("/slack/commands").then().statusCode(401);
    }

    @Test
    void helpIsAnsweredInlineAndEphemeral() {
        FakeSlack slack = SlackTestEnvironment.slack();
        int before = slack.received.size();
        SlackSigner.postCommand(SlackSigner.command("THELP", "U1", "help war", "t-help", slack.responseUrl("help")))
                .then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("blocks[0].type", equalTo("header"))
                .body("blocks[1].text.text", containsString("war @player… vs @player…"));
        assertThat(slack.received.size()).isEqualTo(before);
    }

    @Test
    void aMalformedCommandGetsAFriendlyEphemeralAnswer() {
        String text = SlackSigner.postCommand(SlackSigner.command("THELP", "U1", "war <@U2|bob> game:chess", "t-bad",
                        SlackTestEnvironment.slack().responseUrl("bad")))
                .then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .extract().path("text");
        assertThat(text).contains("`vs`").contains("Example: /gm war @ann vs @bob game:chess ft3 12h");
    }

    @Test
    void unknownButtonsAndInteractionTypesAreAcknowledged() {
        String payload = "{\"type\":\"view_submission\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U1\"}}";
        SlackSigner.post("/slack/interactions", SlackSigner.form(Map.of("payload", payload)), ContentType.URLENC)
                .then().statusCode(200);
        SlackSigner.post("/slack/interactions", SlackSigner.form(Map.of("payload", "not json")), ContentType.URLENC)
                .then().statusCode(400);
    }

    @Test
    void healthAndMetrics() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }
}
