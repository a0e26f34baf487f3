package io.rollcall.account;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class PasswordHashingH2Tests extends AbstractPasswordHashingTests {
}
