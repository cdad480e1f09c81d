package dev.guildhall.client;

import dev.guildhall.client.model.AuditEntry;
import dev.guildhall.client.model.Page;

import static dev.guildhall.client.Endpoints.AUDIT_LOG;

/** {@code GET /v1/servers/{server}/audit-log}: newest first. */
public final class AuditLogApi {

    private final Transport t;

    AuditLogApi(Transport t) { this.t = t; }

    public Page<AuditEntry> list(String server, ListOptions list, CallOptions options) {
        return t.send(AUDIT_LOG, new Object[]{server}, ListOptions.orDefaults(list).query(), null, Transport.JSON,
                t.pageOf(AuditEntry.class), options);
    }
}
