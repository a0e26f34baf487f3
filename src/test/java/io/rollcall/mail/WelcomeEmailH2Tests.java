package io.rollcall.mail;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2", "smtp", "relay"})
class WelcomeEmailH2Tests extends AbstractWelcomeEmailTests {
}
