package dev.guildhall.game;

import dev.guildhall.platform.ProblemException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.guildhall.game.War.RoundStatus.CONFIRMED;
import static dev.guildhall.game.War.RoundStatus.DISPUTED;
import static dev.guildhall.game.War.RoundStatus.PENDING;
import static dev.guildhall.game.War.RoundStatus.VOIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The war state machine, every transition and refusal, without Quarkus, HTTP or a database. */
class WarRulesTest {

    static final String SERVER = "discord:100";
    static final String A = "discord:1", B = "discord:2", C = "discord:3", D = "discord:4", X = "discord:9";
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);

    static War create(String creator, String format, String duration, List<List<String>> sides) {
        return War.create(UUID.randomUUID(), SERVER, creator, T0, "chess", format, duration, sides);
    }

    /** A 1v1 ft3 between A (creator, side 0) and B, accepted and ACTIVE. */
    static War active() {
        War w = create(A, "ft3", "1h", List.of(List.of(A), List.of(B)));
        w.accept(B, T1);
        return w;
    }

    static void refused(int status, String slug, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            if (slug != null) assertThat(e.slug()).isEqualTo(slug);
        });
    }

    // ---- creation ----------------------------------------------------------------------------

    @Test
    void theCreatorIsAcceptedAtOnceAndTheWarWaitsForTheOthers() {
        War w = create(A, "ft3", "12h", List.of(List.of(A, C), List.of(B)));
        assertThat(w.status()).isEqualTo(War.Status.PENDING);
        assertThat(w.winsNeeded()).isEqualTo(3);
        assertThat(w.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(w.sides().get(0).players()).containsExactly(new War.Player(A, true), new War.Player(C, false));
        assertThat(w.sides().get(1).players()).containsExactly(new War.Player(B, false));
        w.accept(C, T1);
        assertThat(w.status()).isEqualTo(War.Status.PENDING);
        w.accept(B, T1);
        assertThat(w.status()).isEqualTo(War.Status.ACTIVE);
    }

    @Test
    void aCreatorWhoDoesNotPlayAcceptsNothingAndTheDurationDefaultsToADay() {
        War w = create(X, "ft1", null, List.of(List.of(A), List.of(B)));
        assertThat(w.sides()).allSatisfy(s -> assertThat(s.players()).noneMatch(War.Player::accepted));
        assertThat(w.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void badInputIsOne400WithEveryFieldError() {
        assertThatThrownBy(() -> War.create(UUID.randomUUID(), SERVER, A, T0, " ", "ft11", "8d", null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ProblemException.FieldError::field)
                            .containsExactly("game", "format", "duration", "sides");
                });
        refused(400, "validation", () -> create(A, "ft3", null, List.of(List.of(A))));
        refused(400, "validation", () -> create(A, "ft3", null, List.of(List.of(A), List.of())));
        refused(400, "validation", () -> create(A, "ft3", null,
                List.of(List.of(A), List.of("discord:11", "discord:12", "discord:13", "discord:14", "discord:15", "discord:16"))));
        refused(400, "validation", () -> create(A, "ft3", null, List.of(List.of(A), List.of("nobody"))));
        refused(400, "validation", () -> create(A, "ft3", null, List.of(List.of(A), List.of("slack:U123"))));
        refused(400, "validation", () -> War.create(UUID.randomUUID(), SERVER, A, T0, "x".repeat(65), "ft3", null,
                List.of(List.of(A), List.of(B))));
        assertThat(War.create(UUID.randomUUID(), SERVER, A, T0, "x".repeat(64), "ft3", null,
                List.of(List.of(A), List.of(B))).game()).hasSize(64);
    }

    @Test
    void fightingYourselfOrListingAPlayerTwiceIs422() {
        refused(422, "self-war", () -> create(A, "ft3", null, List.of(List.of(A), List.of(A))));
        refused(422, "self-war", () -> create(A, "ft3", null, List.of(List.of(A, B), List.of(C, B))));
        refused(422, "duplicate-player", () -> create(A, "ft3", null, List.of(List.of(B, B), List.of(C))));
    }

    // ---- challenge flow ----------------------------------------------------------------------

    @Test
    void acceptRefusals() {
        War w = create(A, "ft3", "1h", List.of(List.of(A), List.of(B, C)));
        refused(403, null, () -> w.accept(X, T1));
        refused(409, "already-accepted", () -> w.accept(A, T1));
        w.accept(B, T1);
        w.accept(C, T1);
        refused(409, "not-pending", () -> w.accept(B, T1));
    }

    @Test
    void anyDeclineEndsTheChallenge() {
        War w = create(A, "ft3", "1h", List.of(List.of(A), List.of(B, C)));
        w.accept(B, T1);
        refused(403, null, () -> w.decline(X, T1));
        w.decline(C, T1);
        assertThat(w.status()).isEqualTo(War.Status.DECLINED);
        assertThat(w.endedAt()).isEqualTo(T1);
        refused(409, "war-declined", () -> w.accept(C, T1));
        refused(409, "not-pending", () -> active().decline(B, T1));
    }

    @Test
    void theCreatorCancelsUntilPlayStartsAModeratorAnyTime() {
        War pending = create(A, "ft3", "1h", List.of(List.of(A), List.of(B)));
        refused(403, null, () -> pending.cancel(B, false, T1));
        pending.cancel(A, false, T1);
        assertThat(pending.status()).isEqualTo(War.Status.CANCELLED);
        refused(409, "war-cancelled", () -> pending.cancel(A, false, T1));

        War acceptedNotPlayed = active();
        acceptedNotPlayed.cancel(A, false, T1);
        assertThat(acceptedNotPlayed.status()).isEqualTo(War.Status.CANCELLED);

        War playing = active();
        playing.report(B, 0, T1);
        refused(403, null, () -> playing.cancel(A, false, T1));
        playing.cancel(X, true, T1);
        assertThat(playing.status()).isEqualTo(War.Status.CANCELLED);
    }

    // ---- rounds ------------------------------------------------------------------------------

    @Test
    void aReportByTheLosingSideCountsAtOnce() {
        War w = active();
        War.Round r = w.report(B, 0, T1);
        assertThat(r.status()).isEqualTo(CONFIRMED);
        assertThat(r.number()).isEqualTo(1);
        assertThat(r.reportedBy()).isEqualTo(B);
        assertThat(w.sides().get(0).wins()).isEqualTo(1);
    }

    @Test
    void aReportByTheWinningSideWaitsForTheOtherSide() {
        War w = active();
        War.Round r = w.report(A, 0, T1);
        assertThat(r.status()).isEqualTo(PENDING);
        assertThat(w.sides().get(0).wins()).isZero();
        refused(409, "round-awaiting-confirmation", () -> w.report(B, 1, T1));
        refused(403, null, () -> w.confirm(A, 1, T1));   // not your own report
        refused(403, null, () -> w.confirm(X, 1, T1));   // not a player
        refused(404, null, () -> w.confirm(B, 2, T1));
        w.confirm(B, 1, T1);
        assertThat(w.rounds().get(0).status()).isEqualTo(CONFIRMED);
        assertThat(w.rounds().get(0).confirmedBy()).isEqualTo(B);
        assertThat(w.sides().get(0).wins()).isEqualTo(1);
        refused(409, "round-confirmed", () -> w.confirm(B, 1, T1));
        refused(409, "round-confirmed", () -> w.dispute(B, 1, T1));
    }

    @Test
    void reportRefusals() {
        War pending = create(A, "ft3", "1h", List.of(List.of(A), List.of(B)));
        refused(409, "not-active", () -> pending.report(A, 1, T1));
        War w = active();
        refused(403, null, () -> w.report(X, 0, T1));
        refused(400, "validation", () -> w.report(A, 2, T1));
    }

    @Test
    void theFirstSideToNConfirmedWinsFinishes() {
        War w = active();
        w.report(B, 0, T1);
        w.report(A, 1, T1);
        w.report(B, 0, T1);
        assertThat(w.status()).isEqualTo(War.Status.ACTIVE);
        w.report(A, 0, T1);
        w.confirm(B, 4, T1);
        assertThat(w.status()).isEqualTo(War.Status.FINISHED);
        assertThat(w.winner()).isZero();
        assertThat(w.sides()).extracting(War.Side::wins).containsExactly(3, 1);
        assertThat(w.endedAt()).isEqualTo(T1);
        refused(409, "war-finished", () -> w.report(B, 0, T1));
        refused(409, "war-finished", () -> w.accept(B, T1));
        refused(409, "war-finished", () -> w.cancel(X, true, T1));
        w.settleRatings(List.of(new War.RatingChange(A, 1000, 1016), new War.RatingChange(B, 1000, 984)));
        assertThatThrownBy(() -> w.settleRatings(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ratingsSettleOnlyOnAFinishedWar() {
        assertThatThrownBy(() -> active().settleRatings(List.of())).isInstanceOf(IllegalStateException.class);
    }

    // ---- disputes ----------------------------------------------------------------------------

    @Test
    void aDisputeHaltsPlayUntilAModeratorResolvesIt() {
        War w = active();
        w.report(A, 0, T1);
        refused(403, null, () -> w.dispute(A, 1, T1));
        w.dispute(B, 1, T1);
        assertThat(w.status()).isEqualTo(War.Status.DISPUTED);
        assertThat(w.rounds().get(0).status()).isEqualTo(DISPUTED);
        assertThat(w.rounds().get(0).disputedBy()).isEqualTo(B);
        refused(409, "war-disputed", () -> w.report(A, 0, T1));
        refused(409, "round-disputed", () -> w.confirm(B, 1, T1));
        refused(403, null, () -> w.resolveRound(A, false, 1, 0, false, T1));

        War.Round settled = w.resolveRound(X, true, null, 1, false, T1); // the moderator finds side 1 won
        assertThat(settled.status()).isEqualTo(CONFIRMED);
        assertThat(settled.winner()).isEqualTo(1);
        assertThat(settled.resolvedBy()).isEqualTo(X);
        assertThat(w.status()).isEqualTo(War.Status.ACTIVE);
        assertThat(w.sides()).extracting(War.Side::wins).containsExactly(0, 1);
        refused(409, "round-settled", () -> w.resolveRound(X, true, 1, 0, false, T1));
        refused(409, "nothing-to-resolve", () -> w.resolveRound(X, true, null, 0, false, T1));
        refused(404, null, () -> w.resolveRound(X, true, 7, 0, false, T1));
    }

    @Test
    void aPlayerNeverSettlesHisOwnWarEvenWithManageServer() {
        War w = active();
        w.report(A, 0, T1);
        w.dispute(B, 1, T1);
        refused(403, null, () -> w.resolveRound(A, true, 1, 0, false, T1));
        refused(403, null, () -> w.resolveRound(B, true, 1, 1, false, T1));
        refused(403, null, () -> w.voidWar(B, true, T1));
        assertThat(w.status()).isEqualTo(War.Status.DISPUTED);
    }

    @Test
    void aModeratorCanStrikeOutARound() {
        War w = active();
        w.report(A, 0, T1);
        w.dispute(B, 1, T1);
        w.resolveRound(X, true, 1, null, true, T1);
        assertThat(w.rounds().get(0).status()).isEqualTo(VOIDED);
        assertThat(w.status()).isEqualTo(War.Status.ACTIVE);
        assertThat(w.sides()).extracting(War.Side::wins).containsExactly(0, 0);
        assertThat(w.report(B, 0, T1).number()).isEqualTo(2);
        refused(400, null, () -> w.resolveRound(X, true, 2, 0, true, T1));
    }

    @Test
    void aResolutionCanFinishTheWar() {
        War w = create(A, "ft1", "1h", List.of(List.of(A), List.of(B)));
        w.accept(B, T1);
        w.report(B, 1, T1);
        w.dispute(A, 1, T1);
        w.resolveRound(X, true, 1, 1, false, T1);
        assertThat(w.status()).isEqualTo(War.Status.FINISHED);
        assertThat(w.winner()).isEqualTo(1);
    }

    @Test
    void aModeratorCanVoidAnyOpenWar() {
        for (War w : List.of(create(A, "ft3", "1h", List.of(List.of(A), List.of(B))), active())) {
            refused(403, null, () -> w.voidWar(X, false, T1));
            w.voidWar(X, true, T1);
            assertThat(w.status()).isEqualTo(War.Status.VOIDED);
            assertThat(w.winner()).isNull();
            refused(409, "war-voided", () -> w.voidWar(X, true, T1));
        }
        War disputed = active();
        disputed.report(A, 0, T1);
        disputed.dispute(B, 1, T1);
        disputed.voidWar(X, true, T1);
        assertThat(disputed.status()).isEqualTo(War.Status.VOIDED);
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Test
    void openWarsExpireAtTheirDeadlineFinalOnesNever() {
        Instant deadline = T0.plus(Duration.ofHours(1));
        War pending = create(A, "ft3", "1h", List.of(List.of(A), List.of(B)));
        War activeWar = active();
        War disputed = active();
        disputed.report(A, 0, T1);
        disputed.dispute(B, 1, T1);
        War finished = create(A, "ft1", "1h", List.of(List.of(A), List.of(B)));
        finished.accept(B, T1);
        finished.report(B, 0, T1);

        for (War w : List.of(pending, activeWar, disputed)) {
            assertThat(w.expire(deadline.minusMillis(1))).isFalse();
            assertThat(w.statusAt(deadline)).isEqualTo(War.Status.EXPIRED);
            assertThat(w.expire(deadline)).isTrue();
            assertThat(w.status()).isEqualTo(War.Status.EXPIRED);
            assertThat(w.expire(deadline)).isFalse(); // exactly once
        }
        assertThat(finished.expire(deadline)).isFalse();
        assertThat(finished.statusAt(deadline)).isEqualTo(War.Status.FINISHED);
    }

    @Test
    void everyChangePastTheDeadlineIsRefusedEvenBeforeTheSweep() {
        Instant late = T0.plus(Duration.ofHours(1));
        War w = active();
        w.report(A, 0, T1);
        refused(409, "war-expired", () -> w.confirm(B, 1, late));
        refused(409, "war-expired", () -> w.report(B, 0, late));
        refused(409, "war-expired", () -> w.cancel(X, true, late));
        refused(409, "war-expired", () -> w.voidWar(X, true, late));
        War pending = create(A, "ft3", "1h", List.of(List.of(A), List.of(B)));
        refused(409, "war-expired", () -> pending.accept(B, late));
        refused(409, "war-expired", () -> pending.decline(B, late));
        assertThat(w.status()).isEqualTo(War.Status.ACTIVE);
    }
}
