package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class ImportApiPostgresTests extends AbstractImportApiTests {
}
