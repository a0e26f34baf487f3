package io.rollcall.school;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;

/**
 * A school's {@code locale}, the language of its welcome emails: operators choose it among the
 * languages Rollcall speaks; no school admin changes it, of their own school or another's.
 */
abstract class AbstractSchoolLocaleApiTests extends ApiTestSupport {

    String localeOf(String school) throws Exception {
        return json(get("/api/v1/schools/" + school, operator)).read("$.locale");
    }

    @Test
    void aNewSchoolWritesItsEmailsInEnglishUntilAnOperatorChoosesAnotherLanguage() throws Exception {
        var school = school(false);
        assertThat(localeOf(school)).isEqualTo("en");

        var patched = patchJson("/api/v1/schools/" + school, operator, "{\"locale\":\"es\"}");

        assertThat(patched.getResponse().getStatus()).isEqualTo(200);
        assertThat((String) json(patched).read("$.locale")).isEqualTo("es");
        assertThat(localeOf(school)).isEqualTo("es");
        // A PATCH without locale leaves it; a region narrows nothing: es-MX is Spanish.
        patchJson("/api/v1/schools/" + school, operator, "{\"name\":\"Escuela\"}");
        assertThat(localeOf(school)).isEqualTo("es");
        patchJson("/api/v1/schools/" + school, operator, "{\"locale\":\"FR-ca\"}");
        assertThat(localeOf(school)).isEqualTo("fr");
        var admin = admin(school);
        assertThat((String) json(get("/api/v1/schools/" + school, admin)).read("$.locale")).isEqualTo("fr");
    }

    @Test
    void aLanguageRollcallDoesNotSpeakIsRefusedAndChangesNothing() throws Exception {
        var school = school(false);
        for (var bad : new String[] {"\"de\"", "\"\"", "\"english\"", "\"es;drop table school\"", "42", "\"../fr\""}) {
            var refused = patchJson("/api/v1/schools/" + school, operator, "{\"locale\":" + bad + ",\"name\":\"Changed\"}");

            assertThat(refused.getResponse().getStatus()).as(bad).isEqualTo(400);
            var problem = json(refused);
            assertThat((String) problem.read("$.code")).as(bad).isEqualTo("INVALID_REQUEST");
            assertThat((String) problem.read("$.detail")).as(bad)
                .isEqualTo("locale must be one of en, es, fr, the languages Rollcall speaks");
        }
        assertThat(localeOf(school)).isEqualTo("en");
        assertThat((String) json(get("/api/v1/schools/" + school, operator)).read("$.name")).isEqualTo("School " + school);
    }

    @Test
    void aSchoolAdminCannotChangeTheLocaleOfTheirOwnSchoolNorOfAnother() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        var adminA = admin(schoolA);
        var adminB = admin(schoolB);

        var own = patchJson("/api/v1/schools/" + schoolA, adminA, "{\"locale\":\"fr\"}");
        var other = patchJson("/api/v1/schools/" + schoolA, adminB, "{\"locale\":\"es\"}");
        var anonymous = patchJson("/api/v1/schools/" + schoolA, null, "{\"locale\":\"es\"}");

        assertThat(own.getResponse().getStatus()).isEqualTo(403);
        assertThat(other.getResponse().getStatus()).isEqualTo(403);
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        assertThat(localeOf(schoolA)).isEqualTo("en");
        assertThat(localeOf(schoolB)).isEqualTo("en");
    }
}
