package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two imports racing over the same email addresses, processed at the same time by two workers on
 * PostgreSQL: no account twice, no membership lost, counts that add up.
 */
@ActiveProfiles({"test", "postgres"})
class ConcurrentImportPostgresTests extends ApiTestSupport {

    private static final int ROWS = 1500;

    @Autowired
    JdbcClient jdbc;

    private static String roster(String prefix, String school, String issuedPrefix) {
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 0; i < ROWS; i++) {
            lines.add(String.join(",", "First" + i, "Last", prefix + i + "@example.com", "0", issuedPrefix + i, school));
        }
        return csv(lines.toArray(String[]::new));
    }

    private List<DocumentContext> race(String firstToken, String firstFile, String secondToken, String secondFile)
            throws Exception {
        var first = upload(firstToken, firstFile);
        var second = upload(secondToken, secondFile);
        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        assertThat(second.getResponse().getStatus()).isEqualTo(202);
        return List.of(awaitEnd(firstToken, JsonPath.read(first.getResponse().getContentAsString(), "$.id")),
            awaitEnd(secondToken, JsonPath.read(second.getResponse().getContentAsString(), "$.id")));
    }

    private long accounts(String prefix) {
        return jdbc.sql("select count(*) from account where email_key like :p").param("p", prefix + "%")
            .query(Long.class).single();
    }

    private long memberships(String prefix, String school) {
        return jdbc.sql("""
                select count(*) from membership m join account a on a.id = m.account_id
                where a.email_key like :p and m.school_id = :s""")
            .param("p", prefix + "%").param("s", school).query(Long.class).single();
    }

    @RepeatedTest(3)
    void racingImportsIntoOneSchoolCreateEachAccountOnce() throws Exception {
        var school = school(false);
        var prefix = "same-" + unique() + "-";
        var file = roster(prefix, school, "I");

        var reports = race(admin(school), file, admin(school), file);

        for (var report : reports) {
            assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
            assertThat((Integer) report.read("$.failed")).isZero();
        }
        int created = reports.get(0).<Integer>read("$.created") + reports.get(1).<Integer>read("$.created");
        int unchanged = reports.get(0).<Integer>read("$.unchanged") + reports.get(1).<Integer>read("$.unchanged");
        assertThat(created).isEqualTo(ROWS);
        assertThat(unchanged).isEqualTo(ROWS);
        assertThat(accounts(prefix)).isEqualTo(ROWS);
        assertThat(memberships(prefix, school)).isEqualTo(ROWS);
    }

    @RepeatedTest(3)
    void racingImportsIntoTwoSchoolsShareAccountsAndKeepBothMemberships() throws Exception {
        var north = school(false);
        var south = school(false);
        var prefix = "shared-" + unique() + "-";

        var reports = race(admin(north), roster(prefix, north, "N"), admin(south), roster(prefix, south, "S"));

        for (var report : reports) {
            assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
            assertThat((Integer) report.read("$.failed")).isZero();
            int total = report.<Integer>read("$.created") + report.<Integer>read("$.updated")
                + report.<Integer>read("$.unchanged");
            assertThat(total).isEqualTo(ROWS);
        }
        int created = reports.get(0).<Integer>read("$.created") + reports.get(1).<Integer>read("$.created");
        assertThat(created).isEqualTo(ROWS);
        assertThat(accounts(prefix)).isEqualTo(ROWS);
        assertThat(memberships(prefix, north)).isEqualTo(ROWS);
        assertThat(memberships(prefix, south)).isEqualTo(ROWS);
        assertThat(jdbc.sql("select count(*) from membership m join account a on a.id = m.account_id "
                + "where a.email_key like :p and m.school_id = :s and m.issued_id like 'S%'")
            .param("p", prefix + "%").param("s", south).query(Long.class).single()).isEqualTo(ROWS);
    }
}
