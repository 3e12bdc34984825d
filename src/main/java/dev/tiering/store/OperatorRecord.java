package dev.tiering.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Row of {@code operator}: the stored profile and its current classification. Never leaves this package. */
@Entity
@Table(name = "operator")
class OperatorRecord extends PanacheEntityBase {
    @Id
    String ticker;
    String name;
    @Column(name = "profile_json")
    String profileJson;
    String tier;
    String stage;
    @Column(name = "full_stack")
    boolean fullStack;
    @Column(name = "classification_json")
    String classificationJson;
    @Column(name = "rule_set_version")
    String ruleSetVersion;
    @Column(name = "classified_on")
    LocalDate classifiedOn;
    @Column(name = "updated_at")
    Instant updatedAt;
}
