package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import io.rollcall.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * An operator erases a person while another school's import adds them to its roster. On PostgreSQL no
 * foreign key ties a membership to its account (V22_5): the import's lock of the accounts it adds to a
 * school must do that work. Whichever of the two takes the account first, no membership is left of
 * no one, and the import ends as if it had run just before or just after the erasure.
 */
@ActiveProfiles({"test", "postgres"})
class ErasureRacePostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    private final java.util.concurrent.ExecutorService operatorThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOperatorThread() {
        operatorThread.shutdownNow();
    }

    @Test
    void anImportThatWaitedForAnErasureCreatesThePersonAnew() throws Exception {
        var home = school(false);
        var other = school(false);
        var person = "race.erased." + unique() + "@example.com";
        importFile(admin(home), csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "H1", home)));
        long accountId = accountId(person);
        var otherAdmin = admin(other);

        String importId;
        Future<Integer> erasure;
        try (var holder = connection()) {
            // The erasure, held after it locked the account and checked that no import naming the person
            // runs: at the delete of their memberships.
            holder.setAutoCommit(false);
            try (var lock = holder.createStatement()) {
                assertThat(lock.executeQuery("select school_id from membership where account_id = " + accountId
                    + " for update").next()).isTrue();
            }
            erasure = operatorThread.submit(() -> call(MockMvcRequestBuilders.delete("/api/v1/users/" + person),
                operator).getResponse().getStatus());
            awaitWaitingStatement("delete from membership");

            var upload = upload(otherAdmin, csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "O1", other)));
            assertThat(upload.getResponse().getStatus()).isEqualTo(202);
            importId = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
            awaitWaitingStatement("for share");

            holder.commit();
        }
        assertThat(erasure.get(30, TimeUnit.SECONDS)).isEqualTo(204);
        var report = awaitEnd(otherAdmin, importId);

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat(java.util.List.of(report.read("$.created"), report.read("$.updated"), report.read("$.failed")))
            .as("the row counts as the person created anew, after the erasure").containsExactly(1, 0, 0);
        assertThat(accountId(person)).isNotEqualTo(accountId);
        assertThat(jdbc.sql("select school_id from membership where email_key = :key").param("key", person)
            .query(String.class).list()).containsExactly(other);
        assertNoMembershipOfNoOne();
    }

    @Test
    void anErasureWaitsForAnImportThatLockedThePersonAndThenRemovesWhatItWrote() throws Exception {
        var home = school(false);
        var other = school(false);
        var person = "race.kept." + unique() + "@example.com";
        var someoneElse = "race.else." + unique() + "@example.com";
        importFile(admin(home), csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "H1", home),
            String.join(",", "Eli", "Else", someoneElse, "0", "H2", home)));
        var otherAdmin = admin(other);

        String importId;
        Future<Integer> erasure;
        try (var holder = connection()) {
            // Someone else's membership at the other school under the issuedID the file gives the person,
            // uncommitted: the import's write of the membership waits for it, after it locked the account.
            holder.setAutoCommit(false);
            try (var insert = holder.createStatement()) {
                insert.executeUpdate("""
                        insert into membership (account_id, school_id, role, issued_id, created_at, email_key,
                            first_name, last_name)
                        values (%d, '%s', 'STUDENT', 'O1', now(), '%s', 'Eli', 'Else')"""
                    .formatted(accountId(someoneElse), other, someoneElse));
            }
            var upload = upload(otherAdmin, csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "O1", other)));
            assertThat(upload.getResponse().getStatus()).isEqualTo(202);
            importId = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
            awaitWaitingStatement("merge into membership");

            erasure = operatorThread.submit(() -> call(MockMvcRequestBuilders.delete("/api/v1/users/" + person),
                operator).getResponse().getStatus());
            awaitWaitingStatement("for update");

            holder.rollback();
        }
        var report = awaitEnd(otherAdmin, importId);
        assertThat(erasure.get(30, TimeUnit.SECONDS)).isEqualTo(204);

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat(java.util.List.of(report.read("$.created"), report.read("$.updated"), report.read("$.failed")))
            .containsExactly(0, 1, 0);
        assertThat(jdbc.sql("select count(*) from account where email_key = :key").param("key", person)
            .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from membership where email_key = :key").param("key", person)
            .query(Long.class).single()).as("the membership the import wrote went with the person").isZero();
        assertNoMembershipOfNoOne();
    }

    @Test
    void anImportChangingAMembershipThatAnErasureDeletedMeanwhileCreatesThePersonAnew() throws Exception {
        var home = school(false);
        var other = school(false);
        var person = "race.member." + unique() + "@example.com";
        importFile(admin(home), csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "H1", home)));
        var otherAdmin = admin(other);
        importFile(otherAdmin, csv(HEADER, String.join(",", "Ivy", "Lane", person, "0", "O1", other)));
        long accountId = accountId(person);

        String importId;
        try (var erasure = connection()) {
            // An erasure that took the account after the import found it a member here, so after the
            // import's lock of the accounts joining a school, which this one is not: its deletes held
            // uncommitted while the import writes the membership they deleted.
            erasure.setAutoCommit(false);
            try (var delete = erasure.createStatement()) {
                delete.executeUpdate("delete from membership where account_id = " + accountId);
                delete.executeUpdate("delete from account where id = " + accountId);
            }
            var upload = upload(otherAdmin, csv(HEADER, String.join(",", "Ivy", "Lane", person, "1", "O1", other)));
            assertThat(upload.getResponse().getStatus()).isEqualTo(202);
            importId = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
            awaitWaitingStatement("merge into membership");

            erasure.commit();
        }
        var report = awaitEnd(otherAdmin, importId);

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat(java.util.List.of(report.read("$.created"), report.read("$.updated"), report.read("$.failed")))
            .as("the row counts as the person created anew, after the erasure").containsExactly(1, 0, 0);
        assertThat(accountId(person)).isNotEqualTo(accountId);
        assertThat(jdbc.sql("select role from membership where email_key = :key and school_id = :school")
            .param("key", person).param("school", other).query(String.class).list()).containsExactly("INSTRUCTOR");
        assertNoMembershipOfNoOne();
    }

    private void assertNoMembershipOfNoOne() {
        assertThat(jdbc.sql("""
                select count(*) from membership m where not exists (select 1 from account a where a.id = m.account_id)""")
            .query(Long.class).single()).isZero();
    }

    private long accountId(String email) {
        return jdbc.sql("select id from account where email_key = :key").param("key", email).query(Long.class).single();
    }

    private Connection connection() throws Exception {
        var schema = jdbc.sql("select current_schema()").query(String.class).single();
        return DriverManager.getConnection(TestDatabase.url(schema), TestDatabase.USER, TestDatabase.PASSWORD);
    }

    // A statement of this test's import or erasure waiting for a row lock of another transaction.
    private void awaitWaitingStatement(String fragment) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and position(:fragment in query) > 0""")
                .param("fragment", fragment).query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no statement with \"" + fragment + "\" ever waited for a lock");
    }
}
