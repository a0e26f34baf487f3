package io.rollcall.account;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class PasswordHashingPostgresTests extends AbstractPasswordHashingTests {
}
