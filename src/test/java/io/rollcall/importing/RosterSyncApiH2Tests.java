package io.rollcall.importing;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class RosterSyncApiH2Tests extends AbstractRosterSyncApiTests {
}
