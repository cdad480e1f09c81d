package dev.guildhall.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change of a case's reason: who, from what, to what, when. Never updated. */
@Entity
@Table(name = "case_reason_edit")
public class CaseReasonEdit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String server;

    public int number;

    public String editor;

    public String before;

    public String after;

    @Column(name = "edited_at")
    public Instant editedAt;
}
