package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import io.rollcall.importing.stage.Stager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every import's checks read the staging table whole. The many rows a large import dropped once it
 * ended must not stay there dead for the next import to read again, and the planner must know of the
 * many accounts and memberships it wrote at once, whether or not the database's autovacuum runs (it
 * is off on the machines the tests run on).
 */
@ActiveProfiles({"test", "postgres"})
class StagingSpacePostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLargeImportsDroppedStagedRowsAreVacuumedAndItsAccountsAnalyzedOnceItHasEnded() throws Exception {
        var school = school(false);
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        // As many rows as autovacuum's rule for an analyze takes (a tenth of the memberships the statistics
        // know of, and 50), at least as many as the vacuum does.
        long members = jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'membership'::regclass")
            .query(Long.class).single();
        int rows = (int) Math.max(Stager.RECLAIM_FROM_ROWS, members / 10 + 51);
        for (int i = 0; i < rows; i++) {
            lines.add(String.join(",", "Vac" + i, "Uum", "vacuum" + i + "." + unique() + "@example.com", "0",
                "VAC" + i, school));
        }
        long before = vacuumsOfTheStagingTable();
        long analyzedBefore = analyzesOf("membership");
        long accountsAnalyzedBefore = analyzesOf("account");

        var report = importFile(admin(school), csv(lines.toArray(String[]::new)));

        assertThat((Integer) report.read("$.created")).isEqualTo(rows);
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (vacuumsOfTheStagingTable() == before && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(vacuumsOfTheStagingTable()).as("import_row vacuumed after the import dropped its rows")
            .isGreaterThan(before);
        assertThat(jdbc.sql("select count(*) from import_row where import_id = :id")
            .param("id", report.read("$.id")).query(Long.class).single()).isZero();
        while ((analyzesOf("membership") == analyzedBefore || analyzesOf("account") == accountsAnalyzedBefore)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(analyzesOf("membership")).as("membership analyzed after the import").isGreaterThan(analyzedBefore);
        assertThat(analyzesOf("account")).as("account analyzed after the import").isGreaterThan(accountsAnalyzedBefore);
    }

    // Manual analyzes only: autovacuum is off here, and another test's analyze would be a manual one too.
    private long analyzesOf(String table) {
        return jdbc.sql("""
                select analyze_count from pg_stat_user_tables
                where relname = :table and schemaname = current_schema()""")
            .param("table", table).query(Long.class).single();
    }

    private long vacuumsOfTheStagingTable() {
        return jdbc.sql("""
                select vacuum_count from pg_stat_user_tables
                where relname = 'import_row' and schemaname = current_schema()""")
            .query(Long.class).single();
    }
}
