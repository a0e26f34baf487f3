package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class AccessApiH2Tests extends AbstractAccessApiTests {
}
