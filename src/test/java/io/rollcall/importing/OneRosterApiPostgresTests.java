package io.rollcall.importing;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class OneRosterApiPostgresTests extends AbstractOneRosterApiTests {
}
