package io.rollcall.importing;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class OneRosterApiH2Tests extends AbstractOneRosterApiTests {
}
