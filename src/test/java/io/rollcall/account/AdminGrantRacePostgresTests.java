package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * An operator grants admin permission to an account while an import that names it is half-way
 * through its apply step: the import must not write the account over the grant.
 */
@ActiveProfiles({"test", "postgres"})
class AdminGrantRacePostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Value("${spring.datasource.password}")
    String password;

    @Test
    void aGrantMadeWhileAnImportAppliesIsNotOverwrittenByIt() throws Exception {
        var schoolA = school(true);
        var schoolB = school(false);
        var adminA = admin(schoolA);
        var victim = "race.victim." + unique() + "@example.com";
        var newcomer = "race.new." + unique() + "@example.com";
        importFile(adminA, csv(HEADER, String.join(",", "Vic", "Tim", victim, "0", "V1", schoolA)),
            "customPassword", "First-Temporary-1");

        String importId;
        // Another transaction inserts the newcomer's address and keeps it uncommitted: the import's
        // apply step, past its check for protected accounts, waits at its insert of new accounts.
        try (var blocker = DriverManager.getConnection(url, user, password)) {
            blocker.setAutoCommit(false);
            try (var insert = blocker.prepareStatement("""
                    insert into account (email, email_key, first_name, last_name, created_at, updated_at)
                    values (?, ?, 'Block', 'Er', now(), now())""")) {
                insert.setString(1, newcomer);
                insert.setString(2, newcomer);
                insert.executeUpdate();
            }
            var upload = upload(adminA, csv(HEADER,
                String.join(",", "Renamed", "ByA", victim, "0", "V1", schoolA),
                String.join(",", "New", "Comer", newcomer, "0", "N1", schoolA)), "customPassword", "Second-By-A-1");
            assertThat(upload.getResponse().getStatus()).isEqualTo(202);
            importId = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
            awaitWaitingInsert();

            var granted = postJson("/api/v1/schools/" + schoolB + "/admins", operator,
                "{\"email\":\"%s\",\"password\":\"Granted-Pass-1\"}".formatted(victim));
            assertThat(granted.getResponse().getStatus()).isEqualTo(201);

            blocker.rollback();
        }
        var report = awaitEnd(adminA, importId);

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("PROTECTED_ACCOUNT");
        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat(tokenRequest(victim, "Granted-Pass-1").getResponse().getStatus()).isEqualTo(201);
        assertThat(tokenRequestFromElsewhere(victim, "Second-By-A-1").getResponse().getStatus()).isEqualTo(401);
        assertThat(jdbc.sql("select first_name from account where email_key = :key").param("key", victim)
            .query(String.class).single()).isEqualTo("Vic");
    }

    private void awaitWaitingInsert() throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%insert into account%'""")
                .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the import never reached its insert of new accounts");
    }
}
