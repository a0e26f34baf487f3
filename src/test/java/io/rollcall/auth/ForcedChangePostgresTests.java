package io.rollcall.auth;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class ForcedChangePostgresTests extends AbstractForcedChangeTests {
}
