package dev.tiering.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Deal;
import dev.tiering.model.OperatorProfile;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** What the feed says moved an operator: the deal in the note's words, or the date that passed. */
@Execution(ExecutionMode.CONCURRENT)
class ChangeReasonsTest {
    /**
     * A deal read from JSON, as the service reads one: the test stays as it is when the model's
     * records gain fields.
     */
    static Deal deal(String id, LocalDate signed, LocalDate ended) {
        return read(dealJson(id, signed, ended), Deal.class);
    }

    static String dealJson(String id, LocalDate signed, LocalDate ended) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\","
                + "\"service\":\"COLOCATION\",\"status\":\"BINDING\",\"valueUsd\":2000000000,"
                + "\"termYears\":10,\"mw\":200"
                + (signed == null ? "" : ",\"signed\":\"" + signed + "\"")
                + (ended == null ? "" : ",\"ended\":\"" + ended + "\"")
                + "}";
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return dev.tiering.codec.Json.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_deal_reads_as_the_note_writes_it() {
        assertThat(ChangeReasons.dealAdded(deal("msft", LocalDate.parse("2026-09-01"), null)))
                .isEqualTo("a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)");
        assertThat(ChangeReasons.dealRemoved(deal("msft", null, null)))
                .isEqualTo("the removal of a binding USD 2 B colocation deal with Microsoft");
        assertThat(
                        ChangeReasons.dealAmended(
                                deal(
                                        "msft",
                                        LocalDate.parse("2026-09-01"),
                                        LocalDate.parse("2027-01-31"))))
                .isEqualTo(
                        "deal msft amended to a binding USD 2 B colocation deal with Microsoft"
                                + " (signed 2026-09-01, ended 2027-01-31)");
    }

    @Test
    void a_date_passing_names_the_deal_whose_start_or_end_it_was() {
        OperatorProfile p =
                read(
                        "{\"ticker\":\"X\",\"deals\":["
                                + dealJson("a", LocalDate.parse("2026-03-01"), null)
                                + ","
                                + dealJson(
                                        "b",
                                        LocalDate.parse("2025-01-01"),
                                        LocalDate.parse("2026-03-02"))
                                + "]}",
                        OperatorProfile.class);
        assertThat(
                        ChangeReasons.datePassed(
                                p, LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-01")))
                .isEqualTo(
                        "a binding USD 2 B colocation deal with Microsoft (signed 2026-03-01) took"
                                + " effect on 2026-03-01");
        assertThat(
                        ChangeReasons.datePassed(
                                p, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-05")))
                .endsWith("ended on 2026-03-02");
        assertThat(
                        ChangeReasons.datePassed(
                                p, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-02")))
                .isEqualTo("a date passed (2026-04-02)");
    }
}
