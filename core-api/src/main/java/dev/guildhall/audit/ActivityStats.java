package dev.guildhall.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code activity} part of a server's stats, counted from its audit log. */
@ApplicationScoped
public class ActivityStats implements StatsSection {

    private final EntityManager em;

    public ActivityStats(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return "activity";
    }

    /** How often each kind of action was taken: command usage and automod hits, from the audit log. */
    @Override
    public Object countFor(String server) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select action, count(*) from audit_log where server = :s group by action order by action""")
                .setParameter("s", server).getResultList();
        Map<String, Long> byAction = new LinkedHashMap<>();
        long total = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            byAction.put((String) r[0], n);
            total += n;
        }
        return new Counts(total, byAction);
    }

    @Schema(name = "ActivityStats")
    public record Counts(@Schema(description = "Audit entries in all") long total,
                         @Schema(description = "Entries per action, e.g. case.ban, automod.delete") Map<String, Long> byAction) {}
}
