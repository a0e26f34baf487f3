package io.rollcall.importing;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.rollcall.importing.stage.Stager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes one finished import's personal data: the file and the row contents go, the counts and
 * error codes stay. All of it or nothing, in one transaction.
 */
@Component
class ImportPurge {

    /** What a purge found. */
    enum Outcome {
        PURGED,
        ALREADY_PURGED,
        // Queued or running: its file is still to be read, so nothing was deleted.
        RUNNING
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Stager stager;

    ImportPurge(JdbcClient jdbc, Clock clock, Stager stager) {
        this.stager = stager;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Removes the import's file and row contents, once it has finished. */
    @Transactional
    Outcome purge(String id) {
        int updated = jdbc.sql("""
                update import_job set purged_at = :now
                where id = :id and purged_at is null and status in ('COMPLETED', 'FAILED')""")
            .param("id", id).param("now", OffsetDateTime.now(clock)).update();
        if (updated == 0) {
            return isPurged(id) ? Outcome.ALREADY_PURGED : Outcome.RUNNING;
        }
        jdbc.sql("delete from import_file_chunk where import_id = :id").param("id", id).update();
        stager.dropRows(id);
        jdbc.sql("update import_error set email = null where import_id = :id").param("id", id).update();
        jdbc.sql("delete from import_deactivation where import_id = :id").param("id", id).update();
        // These warnings quote an email address, or names read from the file.
        jdbc.sql("delete from import_warning where import_id = :id and code in ('EMAIL_REJECTED', 'ENCODING_GUESSED')")
            .param("id", id).update();
        return Outcome.PURGED;
    }

    boolean isPurged(String id) {
        return jdbc.sql("select count(*) from import_job where id = :id and purged_at is not null")
            .param("id", id).query(Long.class).single() > 0;
    }
}
