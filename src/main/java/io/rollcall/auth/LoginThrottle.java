package io.rollcall.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refuses sign-in for an account after {@value #MAX_FAILURES} failures within 15 minutes, and for
 * a client address after {@code rollcall.security.max-failures-per-address} failures (one address
 * trying many accounts), for every instance at once: the failures are kept in the database.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailuresPerAddress;

    LoginThrottle(JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${rollcall.security.max-failures-per-address:100}")
            int maxFailuresPerAddress) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    boolean isLocked(String emailKey, String clientAddress) {
        var since = OffsetDateTime.now(clock).minus(WINDOW);
        if (jdbc.sql("select count(*) from login_failure where email_key = :key and failed_at > :since")
                .param("key", emailKey).param("since", since)
                .query(Long.class).single() >= MAX_FAILURES) {
            return true;
        }
        return clientAddress != null
            && jdbc.sql("select count(*) from login_failure where client_address = :address and failed_at > :since")
                .param("address", clientAddress).param("since", since)
                .query(Long.class).single() >= maxFailuresPerAddress;
    }

    // Its own transaction: a failed sign-in must be counted even when the caller rolls back.
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String emailKey, String clientAddress) {
        var now = OffsetDateTime.now(clock);
        jdbc.sql("delete from login_failure where failed_at < :old")
            .param("old", now.minus(WINDOW.multipliedBy(2))).update();
        jdbc.sql("insert into login_failure (email_key, client_address, failed_at) values (:key, :address, :now)")
            .param("key", emailKey).param("address", clientAddress).param("now", now).update();
    }
}
