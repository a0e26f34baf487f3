package io.rollcall.importing;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class SpreadsheetExportApiH2Tests extends AbstractSpreadsheetExportApiTests {
}
