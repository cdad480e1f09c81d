package dev.guildhall.slack.gm;

import java.util.List;

/**
 * One parsed {@code /gm …} command. Users are Slack user ids ({@code U…}); nothing here is checked
 * against any rule — that is core-api's job — only read from the text.
 */
public sealed interface GmCommand {

    /** {@code help [command]}. */
    record Help(String topic) implements GmCommand {}

    /** {@code war @a [@c] vs @b [@d] game:chess [ft3] [12h]}; format and duration may be null (core-api's defaults). */
    record CreateWar(List<String> sideA, List<String> sideB, String game, String format, String duration) implements GmCommand {}

    /** {@code accept|decline|cancel <war>}. */
    record WarAction(Verb verb, String war) implements GmCommand {
        public enum Verb { ACCEPT, DECLINE, CANCEL }
    }

    /**
     * {@code report <war> @winner}, {@code report <war> win|loss} or {@code report <war> side:1|2}: exactly one of
     * {@code winner} (a user), {@code actorWon} or {@code side} (0 or 1, as core-api counts) is set.
     */
    record Report(String war, String winner, Boolean actorWon, Integer side) implements GmCommand {}

    /** {@code confirm|dispute <war> <round>}. */
    record RoundAction(Verb verb, String war, int round) implements GmCommand {
        public enum Verb { CONFIRM, DISPUTE }
    }

    /** {@code status <war>}. */
    record Status(String war) implements GmCommand {}

    /** {@code list [status]}. */
    record ListWars(String status) implements GmCommand {}

    /** {@code leaderboard [game]}. */
    record Leaderboard(String game) implements GmCommand {}

    /** {@code profile [@user]}; a null user means the actor. */
    record Profile(String user) implements GmCommand {}

    /** {@code warn|timeout|kick|ban|unban|note @user …}. */
    record Moderate(String type, String user, String duration, Integer deleteMessageDays, String reason) implements GmCommand {}

    /** {@code case <number>}. */
    record ShowCase(int number) implements GmCommand {}

    /** {@code cases [@user]}. */
    record ListCases(String user) implements GmCommand {}

    /** {@code reason <number> <new reason>}. */
    record Reason(int number, String reason) implements GmCommand {}

    /** {@code config}, {@code config set <path> <value>}, {@code config reset <path>}; {@code path} null means show. */
    record Config(String path, Object value, boolean reset) implements GmCommand {}
}
