package dev.guildhall.client;

import dev.guildhall.client.model.Case;
import dev.guildhall.client.model.CasePatch;
import dev.guildhall.client.model.CaseResult;
import dev.guildhall.client.model.NewCase;
import dev.guildhall.client.model.Page;

import java.util.Map;

import static dev.guildhall.client.Endpoints.*;

/** Moderation cases: warn, timeout, kick, ban, unban, note; history and reason edits. */
public final class CasesApi {

    private final Transport t;

    CasesApi(Transport t) { this.t = t; }

    /** Creates a case; carry out {@code result.actions()} in order. */
    public CaseResult create(String server, NewCase newCase, CallOptions options) {
        return t.sendBody(CREATE_CASE, newCase, t.type(CaseResult.class), options, server);
    }

    /** Filters as query parameters, e.g. {@code ListOptions.first(10).filter("user", target)}. */
    public Page<Case> list(String server, ListOptions list, CallOptions options) {
        return t.send(LIST_CASES, new Object[]{server}, ListOptions.orDefaults(list).query(), null, Transport.JSON, t.pageOf(Case.class), options);
    }

    public Case get(String server, int number, CallOptions options) {
        return t.send(GET_CASE, t.type(Case.class), options, server, number);
    }

    /** Changes a case's reason (a JSON merge patch). */
    public Case updateReason(String server, int number, String reason, CallOptions options) {
        return t.send(PATCH_CASE, new Object[]{server, number}, Map.of(), new CasePatch(reason), Transport.MERGE_PATCH,
                t.type(Case.class), options);
    }
}
