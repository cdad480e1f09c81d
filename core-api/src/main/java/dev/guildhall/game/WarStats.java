package dev.guildhall.game;

import dev.guildhall.audit.StatsSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code wars} part of a server's stats: wars by status (every status listed, zeros included) and by game. */
@ApplicationScoped
public class WarStats implements StatsSection {

    private final EntityManager em;

    public WarStats(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return "wars";
    }

    @Override
    public Object countFor(String server) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, game, count(*) from war where server = :s group by status, game")
                .setParameter("s", server).getResultList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (War.Status s : War.Status.values()) byStatus.put(s.name(), 0L);
        Map<String, Long> byGame = new LinkedHashMap<>();
        long total = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[2]).longValue();
            byStatus.merge((String) r[0], n, Long::sum);
            byGame.merge((String) r[1], n, Long::sum);
            total += n;
        }
        return new Counts(total, byStatus, byGame);
    }

    @Schema(name = "WarStats")
    public record Counts(long total,
                         @Schema(description = "Wars per status, every status listed") Map<String, Long> byStatus,
                         @Schema(description = "Wars per game") Map<String, Long> byGame) {}
}
