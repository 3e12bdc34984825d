package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The failures the embedded database and PostgreSQL really throw, as they nest them: each must be
 * told apart as the fault that passes (503) or a bug (500).
 */
@Execution(ExecutionMode.CONCURRENT)
class SqlFaultsTest {

    /** H2's own shape: a general error (50000) that keeps the MVStore failure in its message. */
    private static SQLException general(String mvStoreMessage) {
        return new SQLException(
                "General error: \"org.h2.mvstore.MVStoreException: " + mvStoreMessage + "\"",
                "HY000",
                50000);
    }

    @Test
    void a_batch_on_a_store_closed_after_a_failed_write_is_storage_whose_rollback_says_so() {
        // Seen in FullDiskTest: the batch names only "store is closed"; the rollback that failed
        // with it, suppressed, names the write that found no room.
        BatchUpdateException batch =
                new BatchUpdateException(
                        "General error: \"org.h2.mvstore.MVStoreException: This store is closed"
                                + " [2.5.252/4]\"; SQL statement: UPDATE tally SET ...",
                        "HY000",
                        50000,
                        new int[0],
                        null);
        SQLException rollback =
                general(
                        "Writing to FullDisk$Channel@68e05caf failed; length 8192 at 2293760"
                                + " [2.5.252/2]");
        batch.addSuppressed(rollback);

        assertThat(SqlFaults.classify(batch)).isEqualTo(SqlFaults.Kind.STORAGE);
    }

    @Test
    void a_store_closed_under_a_statement_is_closed_and_a_new_connection_may_serve() {
        assertThat(SqlFaults.classify(general("This store is closed [2.5.252/4]")))
                .isEqualTo(SqlFaults.Kind.CLOSED);
        assertThat(
                        SqlFaults.classify(
                                new MVStoreException(DataUtils.ERROR_CLOSED, "store is closed")))
                .isEqualTo(SqlFaults.Kind.CLOSED);
    }

    @Test
    void causes_that_point_back_at_each_other_end_the_walk() {
        MVStoreException write =
                new MVStoreException(DataUtils.ERROR_FILE_CORRUPT, "corrupt [2.5.252/6]");
        SQLException wrapped = general("corrupt [2.5.252/6]");
        wrapped.initCause(write);
        write.addSuppressed(wrapped);

        assertThat(SqlFaults.classify(wrapped)).isEqualTo(SqlFaults.Kind.OTHER);
    }

    @Test
    void no_space_beneath_anything_is_storage_and_a_next_exception_is_read() {
        SQLException top = new SQLException("batch failed", "HY000", 50000);
        SQLException next = new SQLException("io", "HY000", 90028);
        next.initCause(new IOException("No space left on device"));
        top.setNextException(next);

        assertThat(SqlFaults.classify(top)).isEqualTo(SqlFaults.Kind.STORAGE);
    }

    @Test
    void a_lost_connection_is_lost_and_a_wrong_statement_is_a_bug() {
        assertThat(SqlFaults.classify(new SQLTransientConnectionException("gone", "08006")))
                .isEqualTo(SqlFaults.Kind.LOST);
        assertThat(SqlFaults.classify(new SQLException("duplicate", "23505")))
                .isEqualTo(SqlFaults.Kind.OTHER);
        assertThat(SqlFaults.classify(new SQLException("syntax", "42000", 42000)))
                .isEqualTo(SqlFaults.Kind.OTHER);
    }

    @Test
    void the_mvstore_code_is_read_only_where_h2_put_it() {
        assertThat(
                        SqlFaults.mvStoreCode(
                                "General error: \"org.h2.mvstore.MVStoreException: x"
                                        + " [2.5.252/2]\""))
                .isEqualTo(2);
        assertThat(SqlFaults.mvStoreCode("no code [2.5.252/2] here")).isEqualTo(-1);
        assertThat(SqlFaults.mvStoreCode(null)).isEqualTo(-1);
    }
}
