package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * An operator signing in to a new installation lands on Create Users before any school exists: the
 * page says so and leads to Schools. A database of its own, so that no other suite's school is there.
 */
@ActiveProfiles({"test", "h2"})
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:no-schools-yet;MODE=PostgreSQL;"
    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class CreateUsersNoSchoolsH2Tests extends ApiTestSupport {

    @Test
    void createUsersLeadsToSchoolsUntilThereIsOneAndNotAfter() throws Exception {
        var browser = signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);

        var empty = page(browser);
        assertThat(empty).contains("id=\"no-schools\"", "There are no schools yet: every row names its school by schoolID.",
            // The limit is the test profile's (8 MB).
            "href=\"/schools\">Add a school</a>", "(CSV, or a OneRoster bundle as .zip; up to 8 MB)");

        school(false);

        assertThat(page(browser)).doesNotContain("id=\"no-schools\"");
    }

    private String page(PortalSession browser) throws Exception {
        var result = mvc.perform(MockMvcRequestBuilders.get("/setup/create-users").session(browser.session())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
