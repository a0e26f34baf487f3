package io.rollcall.account;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "h2"})
class LifecycleApiH2Tests extends AbstractLifecycleApiTests {
}
