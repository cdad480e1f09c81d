package dev.guildhall.slack.http;

import dev.guildhall.slack.support.SlackVector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSignatureTest {

    private static final SlackVector V = SlackVector.load();

    private static SlackSignature at(long epochSecond) {
        return new SlackSignature(V.secret(), Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static byte[] body() {
        return V.body().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacksPublishedExampleVerifies() {
        SlackSignature s = at(Long.parseLong(V.timestamp()));
        assertThat(s.sign(V.timestamp(), body())).isEqualTo(V.signature());
        assertThat(s.verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.OK);
    }

    @Test
    void aTamperedBodyIsRefused() {
        byte[] tampered = V.body().replace("user_name=roadrunner", "user_name=coyote").getBytes(StandardCharsets.UTF_8);
        assertThat(at(Long.parseLong(V.timestamp())).verify(V.timestamp(), V.signature(), tampered))
                .isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
        byte[] oneMoreByte = (V.body() + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(at(Long.parseLong(V.timestamp())).verify(V.timestamp(), V.signature(), oneMoreByte))
                .isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureOrTimestampIsRefused() {
        long ts = Long.parseLong(V.timestamp());
        String flipped = V.signature().substring(0, V.signature().length() - 1)
                + (V.signature().endsWith("3") ? "4" : "3");
        assertThat(at(ts).verify(V.timestamp(), flipped, body())).isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
        assertThat(at(ts).verify(Long.toString(ts + 1), V.signature(), body())).isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
        assertThat(at(ts).verify(V.timestamp(), V.signature().substring(3), body())).isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherSecretDoesNotVerify() {
        SlackSignature other = new SlackSignature("not-the-secret", Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(Long.parseLong(V.timestamp())), ZoneOffset.UTC));
        assertThat(other.verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
    }

    @Test
    void timestampsOlderOrNewerThanFiveMinutesAreRefused() {
        long ts = Long.parseLong(V.timestamp());
        assertThat(at(ts + 300).verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.OK);
        assertThat(at(ts + 301).verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.STALE);
        assertThat(at(ts - 301).verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.STALE);
        // the published example itself is from 2018: against today's clock it is stale
        SlackSignature now = new SlackSignature(V.secret(), Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(now.verify(V.timestamp(), V.signature(), body())).isEqualTo(SlackSignature.Verdict.STALE);
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        SlackSignature s = at(Long.parseLong(V.timestamp()));
        assertThat(s.verify(null, V.signature(), body())).isEqualTo(SlackSignature.Verdict.MISSING_HEADERS);
        assertThat(s.verify(V.timestamp(), null, body())).isEqualTo(SlackSignature.Verdict.MISSING_HEADERS);
        assertThat(s.verify("", "", body())).isEqualTo(SlackSignature.Verdict.MISSING_HEADERS);
        assertThat(s.verify("yesterday", V.signature(), body())).isEqualTo(SlackSignature.Verdict.BAD_TIMESTAMP);
    }

    @Test
    void noSecretNoService() {
        assertThatThrownBy(() -> new SlackSignature(" ", Duration.ofMinutes(5), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
