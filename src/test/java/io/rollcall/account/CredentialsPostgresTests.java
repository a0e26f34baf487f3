package io.rollcall.account;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class CredentialsPostgresTests extends AbstractCredentialsApiTests {
}
