package io.rollcall.privacy;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class PersonalDataDeclarationPostgresTests extends AbstractPersonalDataDeclarationTests {
}
