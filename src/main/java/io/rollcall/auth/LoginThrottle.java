package io.rollcall.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refuses sign-in for an account for 15 minutes after {@value #MAX_FAILURES} failures within 15
 * minutes, and likewise for a client address after {@code rollcall.security.max-failures-per-address}
 * failures (one address trying many accounts), for every instance at once: the failures are kept in
 * the database.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailuresPerAddress;

    LoginThrottle(JdbcClient jdbc, Clock clock, SignInProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailuresPerAddress = properties.maxFailuresPerAddress();
    }

    /**
     * How long sign-in stays refused for the account (or the client address): the refusal lasts
     * {@link #WINDOW} from the failure that reached the limit within a window. Empty when not locked.
     */
    Optional<Duration> lockedFor(String emailKey, String clientAddress) {
        var account = lockedFor("email_key", emailKey, MAX_FAILURES);
        if (account.isPresent() || clientAddress == null) {
            return account;
        }
        return lockedFor("client_address", clientAddress, maxFailuresPerAddress);
    }

    // No failure is recorded while locked: the newest failure is the one that set the lock.
    private Optional<Duration> lockedFor(String column, String value, int limit) {
        var now = OffsetDateTime.now(clock);
        var recent = jdbc.sql("select failed_at from login_failure where " + column + " = :value and failed_at > :since"
                + " order by failed_at desc limit :limit")
            .param("value", value).param("since", now.minus(WINDOW.multipliedBy(2))).param("limit", limit)
            .query(OffsetDateTime.class).list();
        if (recent.size() < limit) {
            return Optional.empty();
        }
        var newest = recent.get(0);
        var oldest = recent.get(limit - 1);
        var until = newest.plus(WINDOW);
        if (Duration.between(oldest, newest).compareTo(WINDOW) > 0 || !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
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
