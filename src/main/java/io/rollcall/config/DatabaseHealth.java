package io.rollcall.config;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /actuator/health} is DOWN unless the database can be read and written in Rollcall's schema:
 * an open connection is not enough (an embedded database closed after an error, a read-only
 * replica, a schema that is gone). The write changes nothing and is rolled back.
 */
@Component("database")
class DatabaseHealth extends AbstractHealthIndicator {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DatabaseHealth(JdbcClient jdbc, TransactionTemplate transactions) {
        super("The database cannot be used");
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        transactions.executeWithoutResult(status -> {
            // Flyway's history: the one table no feature module owns, and every installation has.
            jdbc.sql("select count(*) from flyway_schema_history where installed_rank = 0").query(Long.class).single();
            jdbc.sql("update flyway_schema_history set success = success where installed_rank = 0").update();
            status.setRollbackOnly();
        });
        builder.up();
    }
}
