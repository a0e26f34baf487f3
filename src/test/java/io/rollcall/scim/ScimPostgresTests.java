package io.rollcall.scim;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class ScimPostgresTests extends AbstractScimTests {
}
