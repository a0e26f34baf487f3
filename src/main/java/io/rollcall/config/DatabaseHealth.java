package io.rollcall.config;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /actuator/health} is DOWN unless Rollcall's own tables can be read and written: an open
 * connection is not enough (an embedded database closed after an error, a read-only replica, a
 * schema that is gone). The write changes nothing and is rolled back.
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
            jdbc.sql("select count(*) from school where school_id = ''").query(Long.class).single();
            jdbc.sql("update import_job set status = status where id = ''").update();
            status.setRollbackOnly();
        });
        builder.up();
    }
}
