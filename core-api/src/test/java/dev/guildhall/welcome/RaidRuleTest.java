package dev.guildhall.welcome;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RaidRuleTest {

    @Test
    void aRaidStartsOnceAndLastsWhileJoinsKeepComing() {
        assertThat(RaidRule.decide(2, 3, false)).isEqualTo(new RaidRule.Decision(false, false, false));
        assertThat(RaidRule.decide(3, 3, false)).isEqualTo(new RaidRule.Decision(true, true, true));
        assertThat(RaidRule.decide(4, 3, true)).isEqualTo(new RaidRule.Decision(true, false, true));
        assertThat(RaidRule.decide(1, 3, true)).isEqualTo(new RaidRule.Decision(true, false, false));
    }

    @Test
    void welcomeTemplate() {
        assertThat(RaidRule.welcome("Welcome {user} ({name}) to {server}!", "discord:42", "Nelly", "Guild"))
                .isEqualTo("Welcome <@42> (Nelly) to Guild!");
    }
}
