package io.rollcall.db;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DialectConfig {

    private static final Logger log = LoggerFactory.getLogger(DialectConfig.class);

    @Bean
    Dialect dialect(DataSource dataSource) {
        var dialect = Dialect.of(dataSource);
        if (dialect == Dialect.H2) {
            log.warn("The embedded H2 database is in use: it is for trying Rollcall out, on one instance. For a school,"
                + " set SPRING_DATASOURCE_URL (with _USERNAME and _PASSWORD) to a PostgreSQL database; see"
                + " docs/configuration.md");
        }
        return dialect;
    }
}
