package dev.guildhall.audit;

import dev.guildhall.platform.CommitOrder;
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

    /**
     * Newest first (in commit order: {@link CommitOrder}), optionally only one action (e.g. {@code case.ban}), actor
     * or target.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> list(String server, String action, String actor, String target, PageRequest page) {
        String afterTx = CommitOrder.cursorTx(page);
        Long afterId = afterTx == null ? null : cursorId(page);
        StringBuilder q = new StringBuilder("select a.*, " + CommitOrder.TX + " from audit_log a where server = :s and "
                + CommitOrder.SETTLED);
        if (action != null) q.append(" and action = :a");
        if (actor != null) q.append(" and actor = :actor");
        if (target != null) q.append(" and target = :t");
        if (afterTx != null) q.append(" and ").append(CommitOrder.AFTER_CURSOR);
        q.append(" order by ").append(CommitOrder.NEWEST_FIRST);
        CommitOrder.awaitEarlierCommits(em);
        var query = em.createNativeQuery(q.toString(), AuditEntry.WITH_TX).setParameter("s", server);
        if (action != null) query.setParameter("a", action);
        if (actor != null) query.setParameter("actor", actor);
        if (target != null) query.setParameter("t", target);
        if (afterTx != null) query.setParameter("cursorTx", afterTx).setParameter("cursorId", afterId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(page.limit() + 1).getResultList();
        return page.page(rows, r -> (AuditEntry) r[0], r -> PageRequest.position()
                .put(CommitOrder.CURSOR_TX, (String) r[1]).put("id", ((AuditEntry) r[0]).id));
    }

    private static long cursorId(PageRequest page) {
        try {
            return Long.parseLong(page.afterText("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
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
