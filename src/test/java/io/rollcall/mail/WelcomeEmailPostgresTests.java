package io.rollcall.mail;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres", "smtp", "relay"})
class WelcomeEmailPostgresTests extends AbstractWelcomeEmailTests {
}
