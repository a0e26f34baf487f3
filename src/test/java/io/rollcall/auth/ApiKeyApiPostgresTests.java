package io.rollcall.auth;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class ApiKeyApiPostgresTests extends AbstractApiKeyApiTests {
}
