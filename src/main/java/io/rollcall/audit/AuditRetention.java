package io.rollcall.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.rollcall.db.ClusterLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.rollcall.privacy.RetentionProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit log keeps {@code rollcall.retention.audit} (400 days by default: a school year and its
 * follow-up) of events; older ones are deleted, so that the table does not grow for ever and holds
 * people's addresses no longer than needed.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keep;
    private final ClusterLock clusterLock;

    AuditRetention(JdbcClient jdbc, Clock clock, ClusterLock clusterLock, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.clusterLock = clusterLock;
        this.clock = clock;
        this.keep = retention.audit();
    }

    @Scheduled(fixedDelayString = "${rollcall.retention.interval:1h}", initialDelayString = "2m")
    void purgeExpired() {
        clusterLock.runIfFree("audit-retention", this::purgeExpiredNow);
    }

    private void purgeExpiredNow() {
        int deleted = jdbc.sql("delete from audit_event where occurred_at < :cutoff")
            .param("cutoff", OffsetDateTime.now(clock).minus(keep)).update();
        if (deleted > 0) {
            log.info("Deleted {} audit event(s) older than {} days", deleted, keep.toDays());
        }
    }
}
