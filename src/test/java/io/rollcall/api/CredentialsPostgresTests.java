package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class CredentialsPostgresTests extends AbstractCredentialsApiTests {
}
