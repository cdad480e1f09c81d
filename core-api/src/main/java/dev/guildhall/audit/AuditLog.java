package dev.guildhall.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.MDC;

import java.time.Instant;

/** Appends to a server's audit log inside the caller's transaction, so the record and the change land together. */
@ApplicationScoped
public class AuditLog {

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String server, String actor, String action, String target, Object details) {
        AuditEntry e = new AuditEntry();
        e.server = server;
        e.actor = actor;
        e.action = action;
        e.target = target;
        try {
            e.details = details == null ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit details must be JSON-serialisable", ex);
        }
        Object requestId = MDC.get("requestId");
        e.requestId = requestId == null ? null : requestId.toString();
        e.createdAt = Instant.now();
        e.persist();
    }
}
