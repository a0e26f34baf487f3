package io.rollcall.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploaded rosters are personal data (often about minors): the file, staged rows and the row
 * contents behind errors and warnings are purged once an import is {@code rollcall.retention.imports}
 * old (30 days by default), or at once by an operator. Counts, codes and messages without row
 * contents stay, so the history still reads.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Duration keep;

    Retention(JdbcClient jdbc, Clock clock, AuditLog audit, @Value("${rollcall.retention.imports:30d}") Duration keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "${rollcall.retention.interval:1h}", initialDelayString = "1m")
    void purgeExpired() {
        var cutoff = OffsetDateTime.now(clock).minus(keep);
        var expired = jdbc.sql("""
                select id from import_job where purged_at is null and status in ('COMPLETED', 'FAILED')
                    and finished_at < :cutoff""")
            .param("cutoff", cutoff).query(String.class).list();
        for (var id : expired) {
            purge(id);
            audit.record(AuditEvent.IMPORT_PURGED, null, id, "retention of " + keep.toDays() + " days");
        }
        if (!expired.isEmpty()) {
            log.info("Purged the personal data of {} import(s) older than {} days", expired.size(), keep.toDays());
        }
    }

    /** Removes the import's file and row contents; true when there was something to purge. */
    @Transactional
    boolean purge(String id) {
        int updated = jdbc.sql("update import_job set purged_at = :now where id = :id and purged_at is null")
            .param("id", id).param("now", OffsetDateTime.now(clock)).update();
        jdbc.sql("delete from import_file_chunk where import_id = :id").param("id", id).update();
        jdbc.sql("delete from import_row where import_id = :id").param("id", id).update();
        jdbc.sql("update import_error set email = null where import_id = :id").param("id", id).update();
        // These warnings quote an email address.
        jdbc.sql("delete from import_warning where import_id = :id and code = 'EMAIL_REJECTED'").param("id", id).update();
        return updated == 1;
    }

    boolean isPurged(String id) {
        return jdbc.sql("select count(*) from import_job where id = :id and purged_at is not null")
            .param("id", id).query(Long.class).single() > 0;
    }
}
