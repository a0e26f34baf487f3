package io.rollcall.school;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class SchoolLocaleApiH2Tests extends AbstractSchoolLocaleApiTests {
}
