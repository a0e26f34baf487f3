package io.rollcall.school;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class SchoolLocaleApiPostgresTests extends AbstractSchoolLocaleApiTests {
}
