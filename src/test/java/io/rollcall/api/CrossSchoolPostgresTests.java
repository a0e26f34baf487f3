package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class CrossSchoolPostgresTests extends AbstractCrossSchoolApiTests {
}
