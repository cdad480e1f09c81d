package dev.guildhall.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.platform.Grouping;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.MDC;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Appends to a server's audit log. {@link #record} is one insert inside the caller's transaction when there is
 * one, so the record and the change land together (Agroal hands out the transaction's own connection), else one
 * autocommit statement. {@link #appendAlone} is for an entry that changes nothing else (an automod deletion, the
 * one hot writer): entries are stored together ({@link Grouping}), so nobody's thread waits. Plain JDBC because the
 * log is only ever appended here: the ORM's persist would add its flush machinery to every moderation call and, for
 * a lone entry, a transaction of its own (a second round trip for the commit).
 */
@ApplicationScoped
public class AuditLog {

    /** Entries in the order given, one statement however many (a lone entry is a group of one). */
    private static final String INSERT = """
            insert into audit_log (server, actor, action, target, details, request_id, created_at)
            select e.server, e.actor, e.action, e.target, e.details::jsonb, e.request_id, clock_timestamp()
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 with ordinality as e(server, actor, action, target, details, request_id, n)
            order by e.n""";

    /** One entry, its details already JSON and the request id taken from the request that made it. */
    public record Entry(String server, String actor, String action, String target, String details, String requestId) {}

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Grouping<Entry, Void> alone;

    public AuditLog(DataSource dataSource, ObjectMapper json, Tracer tracer) {
        this.dataSource = dataSource;
        this.json = json;
        this.alone = new Grouping<>("audit-log-writer", dataSource, tracer, (c, entries) -> {
            insert(c, entries);
            return Collections.nCopies(entries.size(), null);
        });
    }

    public void record(String server, String actor, String action, String target, Object details) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, List.of(entry(server, actor, action, target, details)));
        } catch (SQLException ex) {
            throw new PersistenceException("could not append to the audit log of " + server, ex);
        }
    }

    /**
     * Appends an entry that belongs to no transaction; the stage completes once it is committed, or fails with a
     * {@link PersistenceException}. Every entry that arrived while the previous ones were stored goes in one
     * statement and one commit, so under load a hundred automod deletions cost the database about what one did,
     * and none is acknowledged before it is stored.
     */
    public CompletionStage<Void> appendAlone(String server, String actor, String action, String target, Object details) {
        return alone.submit(entry(server, actor, action, target, details));
    }

    /** The entry as it will be stored, for {@link #insert} in a transaction of the caller's own. */
    public Entry entry(String server, String actor, String action, String target, Object details) {
        String detailsJson;
        try {
            detailsJson = details == null ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit details must be JSON-serialisable", ex);
        }
        Object requestId = MDC.get("requestId");
        return new Entry(server, actor, action, target, detailsJson, requestId == null ? null : requestId.toString());
    }

    /** Stores the entries in order on {@code c}, in its transaction if it has one: one statement. */
    public static void insert(Connection c, List<Entry> entries) throws SQLException {
        int n = entries.size();
        if (n == 0) return;
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            columns[0][i] = e.server();
            columns[1][i] = e.actor();
            columns[2][i] = e.action();
            columns[3][i] = e.target();
            columns[4][i] = e.details();
            columns[5][i] = e.requestId();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int col = 0; col < columns.length; col++) ps.setArray(col + 1, c.createArrayOf("text", columns[col]));
            ps.executeUpdate();
        }
    }

    /**
     * An insert of one entry for a statement that writes it together with the change it records (in a WITH clause):
     * its details merged with {@code moreDetails}, an SQL jsonb expression over the rows of {@code from} — a number
     * only the database knows yet. Its parameters are set by {@link #bind}.
     */
    public static String insertOneSql(String moreDetails, String from) {
        return "insert into audit_log (server, actor, action, target, details, request_id, created_at) "
                + "select ?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb) || " + moreDetails + ", ?, clock_timestamp() from " + from;
    }

    /** Sets the parameters of {@link #insertOneSql} from {@code at} on; answers the next parameter's index. */
    public static int bind(PreparedStatement ps, int at, Entry e) throws SQLException {
        ps.setString(at++, e.server());
        ps.setString(at++, e.actor());
        ps.setString(at++, e.action());
        ps.setString(at++, e.target());
        ps.setString(at++, e.details());
        ps.setString(at++, e.requestId());
        return at;
    }

    /** Stores what is queued before the data source closes; nothing is accepted after. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        alone.stop();
    }
}
