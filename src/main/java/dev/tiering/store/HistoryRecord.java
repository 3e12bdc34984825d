package dev.tiering.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code classification_history}. */
@Entity
@Table(name = "classification_history")
class HistoryRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String ticker;
    Instant at;
    String tier;
    String stage;
    @Column(name = "rule_set_version")
    String ruleSetVersion;
    String cause;
    String detail;
}
