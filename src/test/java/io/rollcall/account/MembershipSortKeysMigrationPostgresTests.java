package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;

import io.rollcall.TestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V22 copies each existing account's email key and names into its memberships, at every school. */
class MembershipSortKeysMigrationPostgresTests {

    @Test
    void existingMembershipsGetTheirAccountsSortKeys() throws Exception {
        var schema = TestDatabase.schema("v22");
        try (var admin = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
            admin.createStatement().execute("drop schema if exists " + schema + " cascade; create schema " + schema);
        }
        var data = new SingleConnectionDataSource(TestDatabase.url(schema), TestDatabase.USER, TestDatabase.PASSWORD, true);
        try {
            var flyway = Flyway.configure().dataSource(data)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
            flyway.target("21").load().migrate();
            var jdbc = JdbcClient.create(data);
            jdbc.sql("""
                    insert into school (school_id, name, created_at) values ('a', 'A', now()), ('b', 'B', now());
                    insert into account (id, email, email_key, first_name, last_name, created_at, updated_at)
                        values (1, 'Ann.Lee@Example.com', 'ann.lee@example.com', 'Ann', 'Lee', now(), now()),
                            (2, 'bo@example.com', 'bo@example.com', 'Bo', 'Ng', now(), now());
                    insert into membership (account_id, school_id, role, issued_id, created_at)
                        values (1, 'a', 'STUDENT', 'A1', now()), (1, 'b', 'STUDENT', 'B1', now()),
                            (2, 'b', 'INSTRUCTOR', 'B2', now())""").update();

            flyway.target("latest").load().migrate();

            var copies = jdbc.sql("""
                    select school_id || '/' || account_id as k, email_key || ' ' || first_name || ' ' || last_name as v
                    from membership""").query((row, n) -> Map.entry(row.getString(1), row.getString(2))).list();
            assertThat(copies).containsExactlyInAnyOrder(Map.entry("a/1", "ann.lee@example.com Ann Lee"),
                Map.entry("b/1", "ann.lee@example.com Ann Lee"), Map.entry("b/2", "bo@example.com Bo Ng"));
            assertThat(jdbc.sql("""
                    select column_name from information_schema.columns where table_schema = :schema
                        and table_name = 'membership' and is_nullable = 'NO'
                        and column_name in ('email_key', 'first_name', 'last_name')""")
                .param("schema", schema).query(String.class).list()).hasSize(3);
            assertThat(jdbc.sql("select indexname from pg_indexes where schemaname = :schema and tablename in ('account', 'membership')")
                .param("schema", schema).query(String.class).list())
                .contains("membership_email_order", "membership_name_order")
                .doesNotContain("membership_school", "account_name_order");
            // On PostgreSQL the key to the school goes (V22_2), and the key to the account too (V22_5): a
            // lock of the accounts an import adds to a school does its work, once per import.
            assertThat(jdbc.sql("select conname from pg_constraint where conrelid = cast(:table as regclass) and contype = 'f'")
                .param("table", schema + ".membership").query(String.class).list())
                .isEmpty();
        } finally {
            data.destroy();
            try (var admin = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
                admin.createStatement().execute("drop schema if exists " + schema + " cascade");
            }
        }
    }
}
