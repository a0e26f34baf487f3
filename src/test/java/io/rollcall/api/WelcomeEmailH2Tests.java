package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2", "smtp", "relay"})
class WelcomeEmailH2Tests extends AbstractWelcomeEmailTests {
}
