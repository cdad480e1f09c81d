package dev.guildhall.moderation;

import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Permission;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerConfig.EscalationStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hierarchy, escalation and case input rules as plain Java. */
class CaseRulesTest {

    private static final String OWNER = "discord:1";
    private static final Actor MOD = new Actor("discord:2", "mod", Set.of(Permission.MODERATE_MEMBERS, Permission.KICK_MEMBERS), false, 5);

    private static Hierarchy.Target target(String user, int topRole) {
        return new Hierarchy.Target(user, false, topRole, false);
    }

    private static void refused(Actor actor, CaseType type, Hierarchy.Target target, String why) {
        assertThatThrownBy(() -> Hierarchy.check(actor, type, target, OWNER))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.detail()).contains(why);
                });
    }

    @Test
    void hierarchy() {
        assertThatCode(() -> Hierarchy.check(MOD, CaseType.KICK, target("discord:3", 4), OWNER)).doesNotThrowAnyException();
        refused(MOD, CaseType.BAN, target("discord:3", 0), "BAN_MEMBERS");
        refused(MOD, CaseType.WARN, target("discord:2", 0), "yourself");
        refused(MOD, CaseType.WARN, target(OWNER, 0), "owner");
        refused(MOD, CaseType.WARN, new Hierarchy.Target("discord:3", true, 0, false), "owner");
        refused(MOD, CaseType.WARN, new Hierarchy.Target("discord:3", false, 0, true), "bot");
        refused(MOD, CaseType.WARN, target("discord:3", 5), "top role");
        refused(MOD, CaseType.WARN, target("discord:3", 6), "top role");
        Actor owner = new Actor(OWNER, "owner", Set.of(), true, 0);
        assertThatCode(() -> Hierarchy.check(owner, CaseType.BAN, target("discord:3", 99), OWNER)).doesNotThrowAnyException();
    }

    @Test
    void everyTypeNeedsItsPermission() {
        assertThat(CaseType.WARN.permission()).isEqualTo(Permission.MODERATE_MEMBERS);
        assertThat(CaseType.TIMEOUT.permission()).isEqualTo(Permission.MODERATE_MEMBERS);
        assertThat(CaseType.UNTIMEOUT.permission()).isEqualTo(Permission.MODERATE_MEMBERS);
        assertThat(CaseType.NOTE.permission()).isEqualTo(Permission.MODERATE_MEMBERS);
        assertThat(CaseType.KICK.permission()).isEqualTo(Permission.KICK_MEMBERS);
        assertThat(CaseType.BAN.permission()).isEqualTo(Permission.BAN_MEMBERS);
        assertThat(CaseType.UNBAN.permission()).isEqualTo(Permission.BAN_MEMBERS);
    }

    @Test
    void escalationPicksTheHighestStepReachedInsideItsWindow() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        List<EscalationStep> steps = List.of(new EscalationStep(3, 30, "timeout", "1h"), new EscalationStep(5, 30, "ban", null),
                new EscalationStep(2, 1, "kick", null));
        List<Instant> old = List.of(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(35)));
        assertThat(Escalation.stepFor(steps, List.of(now), now)).isEmpty();
        assertThat(Escalation.stepFor(steps, List.of(now.minus(Duration.ofDays(2)), now), now)).isEmpty();
        assertThat(Escalation.stepFor(steps, List.of(now.minusSeconds(60), now), now)).get()
                .extracting(EscalationStep::action).isEqualTo("kick");
        List<Instant> three = List.of(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(10)), now);
        assertThat(Escalation.stepFor(steps, three, now)).get().extracting(EscalationStep::action).isEqualTo("timeout");
        // warnings older than the window decay
        List<Instant> decayed = new java.util.ArrayList<>(old);
        decayed.add(now);
        assertThat(Escalation.stepFor(steps, decayed, now)).isEmpty();
        List<Instant> five = List.of(now.minus(Duration.ofDays(25)), now.minus(Duration.ofDays(20)),
                now.minus(Duration.ofDays(15)), now.minus(Duration.ofDays(10)), now);
        assertThat(Escalation.stepFor(steps, five, now)).get().extracting(EscalationStep::action).isEqualTo("ban");
        assertThat(Escalation.lookBack(steps)).isEqualTo(Duration.ofDays(30));
        assertThat(Escalation.stepFor(List.of(), five, now)).isEmpty();
    }

    @Test
    void caseInputIsCheckedFieldByField() {
        NewCase ban = NewCase.parse(new NewCase.Input("BAN", "discord:3", null, 2, null, " spam ", "7d", 1, null, null, null, "5", "6"),
                "discord", MOD);
        assertThat(ban.type()).isEqualTo(CaseType.BAN);
        assertThat(ban.duration()).isEqualTo(Duration.ofDays(7));
        assertThat(ban.reason()).isEqualTo("spam");
        assertThat(ban.moderator()).isEqualTo("discord:2");
        assertThat(ban.messageId()).isEqualTo("6");
        assertThatThrownBy(() -> NewCase.parse(new NewCase.Input("warn", "discord:3", null, null, null, null, null, null, null,
                null, null, "5", null), "discord", MOD)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> NewCase.parse(new NewCase.Input("timeout", "discord:3", null, null, null, null, "soon",
                null, null, null, null, null, null), "discord", MOD)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> NewCase.parse(new NewCase.Input("timeout", "discord:3", null, null, null, null, "29d",
                null, null, null, null, null, null), "discord", MOD))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(ProblemException.FieldError::field)
                        .containsExactly("duration"));
        NewCase observed = NewCase.parse(new NewCase.Input("kick", "discord:3", null, null, null, null, null, null, true,
                "a1", "discord:9", null, null), "discord", null);
        assertThat(observed.moderator()).isEqualTo("discord:9");
        assertThat(observed.platformRef()).isEqualTo("a1");
    }
}
