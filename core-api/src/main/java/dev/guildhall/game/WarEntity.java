package dev.guildhall.game;

import dev.guildhall.platform.CommitOrder;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.EntityResult;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code war} row. The documents (sides, rounds, rating changes) are kept as JSON text so
 * Hibernate's dirty check is a string comparison; {@link WarService} maps them to and from {@link War}.
 */
@Entity
@Table(name = "war")
@SqlResultSetMapping(name = WarEntity.WITH_TX, entities = @EntityResult(entityClass = WarEntity.class),
        columns = @ColumnResult(name = CommitOrder.TX_COLUMN))
public class WarEntity extends PanacheEntityBase {

    /** A row and the transaction that created it, as text (CommitOrder.TX): how war lists are paged. */
    public static final String WITH_TX = "WarEntityWithTx";

    @Id
    public UUID id;

    public String server;

    public String game;

    @Column(name = "wins_needed")
    public int winsNeeded;

    public String status;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] players;

    @JdbcTypeCode(SqlTypes.JSON)
    public String sides;

    @JdbcTypeCode(SqlTypes.JSON)
    public String rounds;

    public Integer winner;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rating_changes")
    public String ratingChanges;
}
