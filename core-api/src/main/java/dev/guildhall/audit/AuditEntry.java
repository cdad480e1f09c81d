package dev.guildhall.audit;

import dev.guildhall.platform.CommitOrder;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.EntityResult;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One line of a server's audit log: who did what to whom, and when. Never updated. */
@Entity
@Table(name = "audit_log")
@SqlResultSetMapping(name = AuditEntry.WITH_TX, entities = @EntityResult(entityClass = AuditEntry.class),
        columns = @ColumnResult(name = CommitOrder.TX_COLUMN))
public class AuditEntry extends PanacheEntityBase {

    /** A row and the transaction that wrote it, as text (CommitOrder.TX): how the log is paged. */
    public static final String WITH_TX = "AuditEntryWithTx";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String server;

    public String actor;

    public String action;

    public String target;

    /** Action-specific facts as a JSON object (before/after values, case number …). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String details;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "created_at")
    public Instant createdAt;
}
