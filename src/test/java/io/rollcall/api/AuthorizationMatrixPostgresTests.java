package io.rollcall.api;

import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class AuthorizationMatrixPostgresTests extends AbstractAuthorizationMatrixTests {
}
