package dev.guildhall.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discord ids are 1–20 ASCII digits without a leading zero, Slack ids 1–32 ASCII upper-case letters or digits. */
class ChatIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "discord:8", "discord:81384788765712384", "discord:99999999999999999999",
            "slack:U1", "slack:T0123ABC", "slack:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    })
    void accepted(String value) {
        assertTrue(ChatId.isValid(value), value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "discord:999999999999999999999", "discord:", "discord:047", "discord:0", "discord:12a", "discord:T0123ABC", "discord:-1",
            "discord:١٢٣", // digits of another script are not snowflakes
            "slack:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "slack:", "slack:t0123abc", "slack:T0123-ABC", "slack:ÄBC",
            "", "81384788765712384", "Discord:123", "discord :123", " discord:123", "discord:123 ", "discord:12:34",
            "matrix:123", ":123",
    })
    void refused(String value) {
        assertFalse(ChatId.isValid(value), value);
    }

    @Test
    void parseSplitsAValidIdAndNamesTheFieldOfAnInvalidOne() {
        assertEquals(new ChatId("slack", "T0123ABC"), ChatId.parse("server", "slack:T0123ABC"));
        assertEquals("discord", ChatId.platformOf("discord:42"));
        ProblemException e = assertThrows(ProblemException.class, () -> ChatId.parse("server", "discord:x"));
        assertEquals("server", e.errors().get(0).field());
    }
}
