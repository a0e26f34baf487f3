package io.rollcall.privacy;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class PersonalDataDeclarationH2Tests extends AbstractPersonalDataDeclarationTests {
}
