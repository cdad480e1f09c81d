package dev.guildhall.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.MDC;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Appends to a server's audit log: one insert, inside the caller's transaction when there is one, so the
 * record and the change land together (Agroal hands out the transaction's own connection), else on its
 * own as one autocommit statement (an automod deletion, which changes nothing else). Plain JDBC because
 * the log is only ever appended here: the ORM's persist would add its flush machinery to every
 * moderation call and, for a lone entry, a transaction of its own (a second round trip for the commit).
 */
@ApplicationScoped
public class AuditLog {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AuditLog(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void record(String server, String actor, String action, String target, Object details) {
        String detailsJson;
        try {
            detailsJson = details == null ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit details must be JSON-serialisable", ex);
        }
        Object requestId = MDC.get("requestId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into audit_log (server, actor, action, target, details, request_id, created_at)
                values (?, ?, ?, ?, ?::jsonb, ?, clock_timestamp())""")) {
            ps.setString(1, server);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detailsJson);
            ps.setString(6, requestId == null ? null : requestId.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not append to the audit log of " + server, e);
        }
    }
}
