package io.rollcall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles({"test", "h2"})
class AuditRetentionH2Tests {

    @Autowired
    AuditRetention retention;
    @Autowired
    JdbcClient jdbc;

    private void event(String target, OffsetDateTime at) {
        jdbc.sql("insert into audit_event (occurred_at, event, target) values (:at, 'SIGN_IN', :target)")
            .param("at", at).param("target", target).update();
    }

    @Test
    void deletesEventsOlderThanTheRetentionPeriodAndKeepsTheRest() {
        var old = "old-" + UUID.randomUUID();
        var recent = "recent-" + UUID.randomUUID();
        event(old, OffsetDateTime.now().minusDays(401));
        event(recent, OffsetDateTime.now().minusDays(399));

        retention.purgeExpired();

        assertThat(jdbc.sql("select target from audit_event where target in (:old, :recent)")
            .param("old", old).param("recent", recent).query(String.class).list()).containsExactly(recent);
    }
}
