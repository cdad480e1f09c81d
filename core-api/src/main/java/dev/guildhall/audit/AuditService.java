package dev.guildhall.audit;

import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a server's audit log and gathers its statistics from every {@link StatsSection}. */
@ApplicationScoped
public class AuditService {

    private final EntityManager em;
    private final List<StatsSection> sections;

    public AuditService(EntityManager em, @All List<StatsSection> sections) {
        this.em = em;
        this.sections = sections;
    }

    /** Newest first, optionally only one action (e.g. {@code case.ban}), actor or target. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> list(String server, String action, String actor, String target, PageRequest page) {
        String after = page.afterText("id");
        Long before = null;
        if (after != null) {
            try {
                before = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
            }
        }
        StringBuilder q = new StringBuilder("from AuditEntry where server = :s");
        if (action != null) q.append(" and action = :a");
        if (actor != null) q.append(" and actor = :actor");
        if (target != null) q.append(" and target = :t");
        if (before != null) q.append(" and id < :before");
        q.append(" order by id desc");
        var query = em.createQuery(q.toString(), AuditEntry.class).setParameter("s", server);
        if (action != null) query.setParameter("a", action);
        if (actor != null) query.setParameter("actor", actor);
        if (target != null) query.setParameter("t", target);
        if (before != null) query.setParameter("before", before);
        List<AuditEntry> rows = query.setMaxResults(page.limit() + 1).getResultList();
        return page.page(rows, e -> e, e -> PageRequest.position().put("id", e.id));
    }

    /** Every section's counts, by section name, in a stable order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> stats(String server) {
        Map<String, Object> out = new LinkedHashMap<>();
        sections.stream().sorted(java.util.Comparator.comparing(StatsSection::name))
                .forEach(s -> out.put(s.name(), s.countFor(server)));
        return out;
    }
}
