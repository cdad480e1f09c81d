package dev.guildhall.game;

import dev.guildhall.platform.Durations;
import dev.guildhall.platform.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format ({@code ftN}) and war-duration parsing. */
class FormatTest {

    @Test
    void parsesFtOneToTen() {
        assertThat(Format.parse("format", "ft1").winsNeeded()).isEqualTo(1);
        assertThat(Format.parse("format", " FT10 ").winsNeeded()).isEqualTo(10);
        assertThat(Format.parse("format", "ft3").toString()).isEqualTo("ft3");
    }

    @Test
    void refusesEverythingElseAs400NamingTheField() {
        for (String bad : new String[]{"ft0", "ft11", "ft", "bo3", "3", "ft-1", "ft3x", "", " ", "ft999999999999"}) {
            assertThatThrownBy(() -> Format.parse("format", bad)).as(bad).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors()).extracting(ProblemException.FieldError::field).containsExactly("format");
            });
        }
        assertThatThrownBy(() -> Format.parse("format", null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void warDurationsRangeFromAMinuteToAWeek() {
        assertThat(Durations.parse("duration", "1m", War.MIN_DURATION, War.MAX_DURATION)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("duration", "12h", War.MIN_DURATION, War.MAX_DURATION)).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("duration", "7d", War.MIN_DURATION, War.MAX_DURATION)).isEqualTo(Duration.ofDays(7));
        for (String bad : new String[]{"59s", "8d", "169h", "12", "h", "1w", "-1h"}) {
            assertThatThrownBy(() -> Durations.parse("duration", bad, War.MIN_DURATION, War.MAX_DURATION)).as(bad)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
