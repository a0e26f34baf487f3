package io.rollcall;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** PostgreSQL tests start from an empty schema, so that runs do not see each other's data. */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class CleanPostgresSchema {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
