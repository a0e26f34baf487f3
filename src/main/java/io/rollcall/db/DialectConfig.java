package io.rollcall.db;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DialectConfig {

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }
}
