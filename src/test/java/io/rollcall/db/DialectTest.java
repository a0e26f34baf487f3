package io.rollcall.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.TestDatabase;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Tells the two databases apart by their connections; the PostgreSQL one must be running. */
class DialectTest {

    @Test
    void knowsPostgreSqlFromH2() {
        var postgres = new DriverManagerDataSource(
            TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
        var h2 = new DriverManagerDataSource("jdbc:h2:mem:dialect;MODE=PostgreSQL", "sa", "");

        assertThat(Dialect.of(postgres)).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of(h2)).isEqualTo(Dialect.H2);
        assertThat(Dialect.POSTGRESQL.lockForWriting()).isEqualTo("for no key update");
        assertThat(Dialect.H2.lockForWriting()).isEqualTo("for update");
    }
}
