package dev.guildhall.server;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A registered chat server ({@code discord:…} guild or {@code slack:…} workspace). */
@Entity
@Table(name = "server")
public class Server extends PanacheEntityBase {

    @Id
    public String id;

    public String platform;

    public String name;

    public String owner;

    /** The full {@link ServerConfig} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String config;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
