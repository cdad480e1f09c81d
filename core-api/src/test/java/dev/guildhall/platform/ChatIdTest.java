package dev.guildhall.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatIdTest {

    @Test
    void discordIdsAreOneToTwentyDigits() {
        assertTrue(ChatId.isValid("discord:8"));
        assertTrue(ChatId.isValid("discord:81384788765712384"));
        assertTrue(ChatId.isValid("discord:" + "9".repeat(20)));
        assertFalse(ChatId.isValid("discord:" + "9".repeat(21)));
        assertFalse(ChatId.isValid("discord:"));
        assertFalse(ChatId.isValid("discord:12a"));
        assertFalse(ChatId.isValid("discord:T0123ABC"));
        assertFalse(ChatId.isValid("discord:-1"));
        assertFalse(ChatId.isValid("discord:١٢٣"), "digits of other scripts are not snowflakes");
    }

    @Test
    void slackIdsAreOneToThirtyTwoUpperCaseLettersOrDigits() {
        assertTrue(ChatId.isValid("slack:T0123ABC"));
        assertTrue(ChatId.isValid("slack:U1"));
        assertTrue(ChatId.isValid("slack:" + "A".repeat(32)));
        assertFalse(ChatId.isValid("slack:" + "A".repeat(33)));
        assertFalse(ChatId.isValid("slack:"));
        assertFalse(ChatId.isValid("slack:t0123abc"));
        assertFalse(ChatId.isValid("slack:T0123-ABC"));
        assertFalse(ChatId.isValid("slack:ÄBC"));
    }

    @Test
    void anythingElseIsNotAChatId() {
        assertFalse(ChatId.isValid(null));
        assertFalse(ChatId.isValid(""));
        assertFalse(ChatId.isValid("81384788765712384"));
        assertFalse(ChatId.isValid("Discord:123"));
        assertFalse(ChatId.isValid("discord :123"));
        assertFalse(ChatId.isValid(" discord:123"));
        assertFalse(ChatId.isValid("discord:123 "));
        assertFalse(ChatId.isValid("matrix:123"));
        assertFalse(ChatId.isValid(":123"));
    }

    @Test
    void parseSplitsAValidIdAndNamesTheFieldOfAnInvalidOne() {
        assertEquals(new ChatId("slack", "T0123ABC"), ChatId.parse("server", "slack:T0123ABC"));
        assertEquals("discord", ChatId.platformOf("discord:42"));
        ProblemException e = assertThrows(ProblemException.class, () -> ChatId.parse("server", "discord:x"));
        assertEquals("server", e.errors().get(0).field());
    }
}
