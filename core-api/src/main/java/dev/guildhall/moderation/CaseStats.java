package dev.guildhall.moderation;

import dev.guildhall.audit.StatsSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code cases} part of a server's stats: cases by type and by source, and active temporary bans. */
@ApplicationScoped
public class CaseStats implements StatsSection {

    private final EntityManager em;

    public CaseStats(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public Object countFor(String server) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select type, source, count(*) from mod_case where server = :s group by type, source""")
                .setParameter("s", server).getResultList();
        Map<String, Long> byType = new LinkedHashMap<>();
        for (CaseType t : CaseType.values()) byType.put(t.value(), 0L);
        Map<String, Long> bySource = new LinkedHashMap<>();
        long total = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[2]).longValue();
            byType.merge((String) r[0], n, Long::sum);
            bySource.merge((String) r[1], n, Long::sum);
            total += n;
        }
        Number pendingExpiries = (Number) em.createNativeQuery("""
                        select count(*) from mod_case where server = :s and type = 'ban' and expires_at is not null
                          and not expiry_handled""")
                .setParameter("s", server).getSingleResult();
        Number pendingActions = (Number) em.createNativeQuery("select count(*) from platform_action where server = :s")
                .setParameter("s", server).getSingleResult();
        return new Counts(total, byType, bySource, pendingExpiries.longValue(), pendingActions.longValue());
    }

    @Schema(name = "CaseStats")
    public record Counts(long total,
                         @Schema(description = "Cases per type, every type listed") Map<String, Long> byType,
                         @Schema(description = "Cases per source: command, observed, automod, escalation, expiry") Map<String, Long> bySource,
                         @Schema(description = "Temporary bans not yet lifted") long temporaryBansPending,
                         @Schema(description = "Platform actions waiting for the adapter") long platformActionsPending) {}
}
