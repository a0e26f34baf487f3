package io.rollcall.auth;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class ForcedChangeH2Tests extends AbstractForcedChangeTests {
}
