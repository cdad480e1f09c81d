package dev.guildhall.platform;

import com.fasterxml.jackson.core.JsonFactory;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan of JSON bodies for NUL and lone surrogates, byte by byte; no HTTP, no database. */
class UnstorableTextRulesTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void plainBodiesAndOrdinaryEscapesPass() {
        assertThat(scan("{\"name\":\"chess club\",\"n\":1}")).isNull();
        assertThat(scan("{\"content\":\"line\\nbreak \\\"quoted\\\" tab\\t \\u00e9 \\u0041\"}")).isNull();
        assertThat(scan("{\"content\":\"a pair \\ud83d\\ude00 and raw \uD83D\uDE00\"}")).isNull();
        assertThat(scan("{\"content\":\"\\\\u0000 is text: an escaped backslash, then u0000\"}")).isNull();
        assertThat(scan("{\"content\":\"ends in a backslash \\\\\"}")).isNull();
        assertThat(scan("")).isNull();
    }

    @Test
    void nulAndLoneSurrogatesAreFoundAndTheirFieldNamed() {
        assertThat(field("{\"a\":{\"b\":[\"x\",\"y\\u0000\"]}}")).isEqualTo("a.b[1]");
        assertThat(field("{\"reason\":\"\\u0000\"}")).isEqualTo("reason");
        assertThat(field("{\"reason\":\"x\\ud800\"}")).isEqualTo("reason");
        assertThat(field("{\"reason\":\"\\udc00x\"}")).isEqualTo("reason");
        assertThat(field("{\"reason\":\"\\ud800\\u0041\"}")).isEqualTo("reason");
        assertThat(field("{\"reason\":\"\\uD800\\uD800\"}")).isEqualTo("reason");
        assertThat(field("{\"ok\":1,\"na\\u0000me\":1}")).isEqualTo("na\\u0000me");
        assertThat(scan("{\"reason\":\"\\u0000\"}").errors().get(0).message()).contains("NUL");
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        ProblemException utf16 = UnstorableText.inJson(Buffer.buffer("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16BE)), JSON);
        assertThat(utf16).isNotNull();
        assertThat(utf16.status()).isEqualTo(400);
        assertThat(scan("{\"a\":\"b\0\"}")).isNotNull();
    }

    @Test
    void malformedJsonAroundTheEscapeIsStillRefused() {
        ProblemException p = scan("{\"a\":\"\\u0000");
        assertThat(p).isNotNull();
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void stringsAreCheckedAndShown() {
        assertThat(UnstorableText.problem("fine \uD83D\uDE00")).isNull();
        assertThat(UnstorableText.problem("a\0")).contains("NUL");
        assertThat(UnstorableText.problem("\uDC00")).contains("surrogate");
        assertThat(UnstorableText.problem("\uD800")).contains("surrogate");
        assertThat(UnstorableText.visible("a\0b\uD800c\uD83D\uDE00")).isEqualTo("a\\u0000b\\ud800c\uD83D\uDE00");
    }

    private static ProblemException scan(String json) {
        return UnstorableText.inJson(Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), JSON);
    }

    private static String field(String json) {
        ProblemException p = scan(json);
        assertThat(p).as(json).isNotNull();
        assertThat(p.errors()).as(json).hasSize(1);
        return p.errors().get(0).field();
    }
}
