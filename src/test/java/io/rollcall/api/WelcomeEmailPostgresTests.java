package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres", "smtp", "relay"})
class WelcomeEmailPostgresTests extends AbstractWelcomeEmailTests {
}
