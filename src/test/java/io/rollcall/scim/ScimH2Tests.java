package io.rollcall.scim;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class ScimH2Tests extends AbstractScimTests {
}
