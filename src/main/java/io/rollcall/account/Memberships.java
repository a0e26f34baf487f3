package io.rollcall.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The membership table's lifecycle: status changes and what they depend on. */
@Repository
class Memberships {

    private final JdbcClient jdbc;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<MembershipStatus> status(long accountId, String schoolId) {
        return jdbc.sql("select status from membership where account_id = :id and school_id = :school")
            .param("id", accountId).param("school", schoolId).query(MembershipStatus.class).optional();
    }

    void setStatus(long accountId, String schoolId, MembershipStatus status) {
        jdbc.sql("""
                update membership set status = :status, status_changed_at = :now
                where account_id = :id and school_id = :school""")
            .param("status", status.name()).param("now", OffsetDateTime.now(clock))
            .param("id", accountId).param("school", schoolId).update();
    }

    boolean anyActive(long accountId) {
        return jdbc.sql("select count(*) from membership where account_id = :id and status = 'ACTIVE'")
            .param("id", accountId).query(Long.class).single() > 0;
    }

    /** The schools of the account's memberships, sorted: the order their rows are locked in. */
    List<String> schoolsOf(long accountId) {
        return jdbc.sql("select school_id from membership where account_id = :id order by school_id")
            .param("id", accountId).query(String.class).list();
    }

    boolean any(long accountId) {
        return jdbc.sql("select count(*) from membership where account_id = :id")
            .param("id", accountId).query(Long.class).single() > 0;
    }

    void delete(long accountId, String schoolId) {
        jdbc.sql("delete from membership where account_id = :id and school_id = :school")
            .param("id", accountId).param("school", schoolId).update();
    }

    /** When the home school's membership is gone, the oldest remaining membership's school becomes home. */
    void rehome(long accountId, String removedSchool) {
        var oldest = jdbc.sql("""
                select school_id from membership where account_id = :id order by created_at, school_id""")
            .param("id", accountId).query(String.class).list().stream().findFirst().orElse(null);
        jdbc.sql("update account set home_school_id = :home where id = :id and home_school_id = :removed")
            .param("home", oldest).param("id", accountId).param("removed", removedSchool).update();
    }

    /** Ends every session and token of the account, as a password change does. */
    void endSignIns(long accountId) {
        jdbc.sql("update account set credentials_version = credentials_version + 1 where id = :id")
            .param("id", accountId).update();
    }
}
