package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class GeneratedClientH2Tests extends AbstractGeneratedClientTests {
}
