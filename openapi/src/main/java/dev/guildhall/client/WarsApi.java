package dev.guildhall.client;

import dev.guildhall.client.model.NewWar;
import dev.guildhall.client.model.Page;
import dev.guildhall.client.model.RoundReport;
import dev.guildhall.client.model.War;
import dev.guildhall.client.model.WarResolution;

import static dev.guildhall.client.Endpoints.*;

/** Wars: challenge, accept, report rounds, confirm or dispute, resolve. Every answer is the war's new state. */
public final class WarsApi {

    private final Transport t;

    WarsApi(Transport t) { this.t = t; }

    public War create(String server, NewWar war, CallOptions options) {
        return t.sendBody(CREATE_WAR, war, t.type(War.class), options, server);
    }

    /** Filters as query parameters, e.g. {@code ListOptions.first(10).filter("status", "ACTIVE").filter("user", u)}. */
    public Page<War> list(String server, ListOptions list, CallOptions options) {
        return t.send(LIST_WARS, new Object[]{server}, ListOptions.orDefaults(list).query(), null, Transport.JSON, t.pageOf(War.class), options);
    }

    public War get(String warId, CallOptions options) {
        return t.send(GET_WAR, t.type(War.class), options, warId);
    }

    public War accept(String warId, CallOptions options) {
        return t.send(ACCEPT_WAR, t.type(War.class), options, warId);
    }

    public War decline(String warId, CallOptions options) {
        return t.send(DECLINE_WAR, t.type(War.class), options, warId);
    }

    public War cancel(String warId, CallOptions options) {
        return t.send(CANCEL_WAR, t.type(War.class), options, warId);
    }

    /** Reports that side {@code winnerSide} (0 or 1) won the next round. */
    public War reportRound(String warId, int winnerSide, CallOptions options) {
        return t.sendBody(REPORT_ROUND, new RoundReport(winnerSide), t.type(War.class), options, warId);
    }

    public War confirmRound(String warId, int round, CallOptions options) {
        return t.send(CONFIRM_ROUND, t.type(War.class), options, warId, round);
    }

    public War disputeRound(String warId, int round, CallOptions options) {
        return t.send(DISPUTE_ROUND, t.type(War.class), options, warId, round);
    }

    /** A MANAGE_SERVER actor settles a dispute or voids the war. */
    public War resolve(String warId, WarResolution resolution, CallOptions options) {
        return t.sendBody(RESOLVE_WAR, resolution, t.type(War.class), options, warId);
    }
}
