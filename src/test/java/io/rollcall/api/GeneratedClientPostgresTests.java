package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class GeneratedClientPostgresTests extends AbstractGeneratedClientTests {
}
