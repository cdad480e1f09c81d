package dev.guildhall.slack.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Slack's request signing (v0): {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}}
 * with the signing secret, compared in constant time; a timestamp more than the allowed age away
 * from now (either direction) is refused so a captured request cannot be replayed later.
 */
public final class SlackSignature {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    /** Why a request was refused; {@code OK} when it was not. */
    public enum Verdict { OK, MISSING_HEADERS, BAD_TIMESTAMP, STALE, BAD_SIGNATURE }

    private final byte[] secret;
    private final Duration maxAge;
    private final Clock clock;

    public SlackSignature(String signingSecret, Duration maxAge, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET is not set");
        }
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Verdict verify(String timestamp, String signature, byte[] rawBody) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > maxAge.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = sign(timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.OK : Verdict.BAD_SIGNATURE;
    }

    /** The {@code X-Slack-Signature} value Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(rawBody);
            return "v0=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
