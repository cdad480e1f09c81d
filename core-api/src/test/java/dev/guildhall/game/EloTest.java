package dev.guildhall.game;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EloTest {

    @Test
    void twoNewPlayersMoveSixteenPoints() {
        List<War.RatingChange> changes = Elo.changes(List.of(List.of("discord:1"), List.of("discord:2")), 0, Map.of());
        assertThat(changes).containsExactly(new War.RatingChange("discord:1", 1000, 1016),
                new War.RatingChange("discord:2", 1000, 984));
    }

    @Test
    void theFavouriteWinsLessAndTheUnderdogMore() {
        // 1200 vs 1000: expected 0.7597 -> favourite +8 (7.69 rounded), underdog winning +24 (24.31 rounded)
        assertThat(Elo.delta(1200, 1000)).isEqualTo(8);
        assertThat(Elo.delta(1000, 1200)).isEqualTo(24);
        assertThat(Elo.expected(1000, 1000)).isEqualTo(0.5);
    }

    @Test
    void aSideIsRatedByItsMeanAndEveryPlayerGetsTheSideDelta() {
        // side 0 mean (1100 + 900) / 2 = 1000 vs 1000: +16 each, whatever their own rating
        Map<String, Integer> ratings = Map.of("discord:1", 1100, "discord:2", 900, "discord:3", 1000);
        List<War.RatingChange> changes = Elo.changes(List.of(List.of("discord:1", "discord:2"), List.of("discord:3")), 0, ratings);
        assertThat(changes).containsExactly(new War.RatingChange("discord:1", 1100, 1116),
                new War.RatingChange("discord:2", 900, 916), new War.RatingChange("discord:3", 1000, 984));
        assertThat(Elo.sideRating(List.of(1001, 1002))).isEqualTo(1001.5);
    }

    @Test
    void deltasAreRoundedToWholePointsAndZeroSum() {
        // 1010 vs 1000: 32 * (1 - 0.51439) = 15.54 -> 16; the loser loses exactly what the winner gains
        assertThat(Elo.delta(1010, 1000)).isEqualTo(16);
        // 1020 vs 1000: 32 * (1 - 0.52876) = 15.08 -> 15
        assertThat(Elo.delta(1020, 1000)).isEqualTo(15);
        List<War.RatingChange> changes = Elo.changes(List.of(List.of("discord:1"), List.of("discord:2")), 1,
                Map.of("discord:1", 1020, "discord:2", 1000));
        assertThat(changes.get(0).after() - changes.get(0).before())
                .isEqualTo(-(changes.get(1).after() - changes.get(1).before()));
        assertThat(changes.get(1).after()).isEqualTo(1017); // underdog: 32 * (1 - 0.47124) = 16.92 -> 17
    }

    @Test
    void aHugeGapStillMovesAtMostK() {
        assertThat(Elo.delta(3000, 0)).isEqualTo(0);
        assertThat(Elo.delta(0, 3000)).isEqualTo(Elo.K);
    }
}
