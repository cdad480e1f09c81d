package dev.guildhall.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** An API key: only the SHA-256 of the secret is kept; the secret is shown once at creation. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public KeyKind kind;

    @Column(name = "key_hash")
    public String keyHash;

    /** First characters of the secret, so a person can tell keys apart in a list. */
    public String prefix;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] servers;

    /** A platform key's platform ({@code discord}, {@code slack}); null: not bound, acts on both. */
    public String platform;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
