package dev.guildhall.audit;

/**
 * One named part of {@code GET /v1/servers/{server}/stats}. Each feature counts its own data by
 * adding a bean: moderation adds {@code cases}, the audit log {@code activity}; the war game adds
 * {@code wars} (wars by status) the same way. The contract names each section in
 * {@code AuditResource.StatsView}; the contract check of the tests fails on a section missing there.
 */
public interface StatsSection {

    /** The member name in the stats answer, e.g. {@code cases}. */
    String name();

    /** A JSON-serialisable value (usually a map of counts) for {@code server}. */
    Object countFor(String server);
}
