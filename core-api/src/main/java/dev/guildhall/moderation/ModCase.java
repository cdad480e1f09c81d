package dev.guildhall.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One moderation case, numbered per server. Only the reason (with its edit history) and the expiry bookkeeping change later. */
@Entity
@Table(name = "mod_case")
@IdClass(ModCase.Key.class)
public class ModCase extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String server;
        public int number;

        public Key() {}

        public Key(String server, int number) {
            this.server = server;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.number == number && Objects.equals(k.server, server);
        }

        @Override
        public int hashCode() {
            return Objects.hash(server, number);
        }
    }

    @Id
    public String server;

    @Id
    public int number;

    public String type;

    public String target;

    /** The acting user; null when the system acted (automod, escalation, temp-ban expiry). */
    public String moderator;

    public String reason;

    public boolean automatic;

    public boolean observed;

    /** command, observed, automod, escalation or expiry. */
    public String source;

    @Column(name = "duration_seconds")
    public Long durationSeconds;

    @Column(name = "delete_message_days")
    public Integer deleteMessageDays;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "expiry_handled")
    public boolean expiryHandled;

    @Column(name = "platform_ref")
    public String platformRef;

    @Column(name = "escalated_from")
    public Integer escalatedFrom;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public CaseType caseType() {
        return CaseType.of(type).orElseThrow();
    }
}
