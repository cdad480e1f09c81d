package dev.guildhall.slack.format;

import dev.guildhall.slack.gm.GmCommand;

import java.util.Optional;

/**
 * The {@code action_id}s of the buttons {@link SlackFormat} puts on war cards, and how a click turns
 * back into the {@link GmCommand} typing it would have given. The war id (and round or side) is the
 * button's {@code value}, so a click needs no state in the adapter.
 */
public final class Buttons {

    public static final String ACCEPT = "gm.war.accept";
    public static final String DECLINE = "gm.war.decline";
    public static final String CONFIRM = "gm.round.confirm";
    public static final String DISPUTE = "gm.round.dispute";
    /** Followed by the side index, so both report buttons of a card have their own id. */
    public static final String REPORT = "gm.war.report.";

    private Buttons() {}

    public static Optional<GmCommand> command(String actionId, String value) {
        if (actionId == null || value == null || value.isBlank()) return Optional.empty();
        try {
            if (actionId.equals(ACCEPT)) return Optional.of(new GmCommand.WarAction(GmCommand.WarAction.Verb.ACCEPT, value));
            if (actionId.equals(DECLINE)) return Optional.of(new GmCommand.WarAction(GmCommand.WarAction.Verb.DECLINE, value));
            int colon = value.lastIndexOf(':');
            if (colon <= 0) return Optional.empty();
            String war = value.substring(0, colon);
            int n = Integer.parseInt(value.substring(colon + 1));
            if (actionId.equals(CONFIRM)) return Optional.of(new GmCommand.RoundAction(GmCommand.RoundAction.Verb.CONFIRM, war, n));
            if (actionId.equals(DISPUTE)) return Optional.of(new GmCommand.RoundAction(GmCommand.RoundAction.Verb.DISPUTE, war, n));
            if (actionId.startsWith(REPORT) && (n == 0 || n == 1)) return Optional.of(new GmCommand.Report(war, null, null, n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
