package dev.guildhall.welcome;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RaidRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aRaidStartsOnceAndLastsWhileJoinsKeepComing() {
        assertThat(RaidRule.decide(2, 3, null, NOW)).isEqualTo(new RaidRule.Decision(false, false, false));
        assertThat(RaidRule.decide(3, 3, null, NOW)).isEqualTo(new RaidRule.Decision(true, true, true));
        assertThat(RaidRule.decide(4, 3, NOW.plusSeconds(5), NOW)).isEqualTo(new RaidRule.Decision(true, false, true));
        assertThat(RaidRule.decide(1, 3, NOW.plusSeconds(5), NOW)).isEqualTo(new RaidRule.Decision(true, false, false));
        assertThat(RaidRule.decide(3, 3, NOW.minusSeconds(1), NOW)).isEqualTo(new RaidRule.Decision(true, true, true));
    }

    @Test
    void welcomeTemplate() {
        assertThat(RaidRule.welcome("Welcome {user} ({name}) to {server}!", "discord:42", "Nelly", "Guild"))
                .isEqualTo("Welcome <@42> (Nelly) to Guild!");
    }
}
