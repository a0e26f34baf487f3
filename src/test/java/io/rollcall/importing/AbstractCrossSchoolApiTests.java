package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rollcall.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The boundary between schools that share an installation: the school that created an account
 * keeps control of it, an import that names several schools shows each school's admins only their
 * own rows, and a revoked admin loses sight of what they uploaded there.
 */
abstract class AbstractCrossSchoolApiTests extends ApiTestSupport {

    @Autowired
    io.rollcall.account.AccountService accounts;

    private static String row(String first, String last, String email, String issuedId, String school) {
        return String.join(",", first, last, email, "0", issuedId, school);
    }

    @Test
    void theSchoolThatCreatedAnAccountKeepsControlOfIt() throws Exception {
        var home = school(true);
        var other = school(true);
        var homeAdmin = admin(home);
        var otherAdmin = admin(other);
        var student = "home." + unique() + "@example.com";
        importFile(homeAdmin, csv(HEADER, row("Real", "Name", student, "H1", home)), "customPassword", "Home-Temp-1");

        var claim = importFile(otherAdmin, csv(HEADER, row("Fake", "Name", student, "O1", other)),
            "customPassword", "Other-Temp-1");

        assertThat((List<String>) claim.read("$.warnings[*].code")).containsExactly("ACCOUNT_IN_OTHER_SCHOOL");
        assertThat(users(otherAdmin, other).get(student)).containsEntry("firstName", "Real")
            .containsEntry("home", false).containsEntry("hasPassword", null).containsEntry("mustChangePassword", null);
        var resend = call(post("/api/v1/schools/" + other + "/users/" + student + "/welcome-email"), otherAdmin);
        assertThat(resend.getResponse().getStatus()).isEqualTo(403);
        assertThat(signedIn(student, "Other-Temp-1")).isFalse();

        // The home school still renames and resets its own student, as before the other school came.
        var renamed = importFile(homeAdmin, csv(HEADER, row("Renamed", "Name", student, "H1", home)),
            "customPassword", "Home-Temp-2");

        assertThat((List<String>) renamed.read("$.warnings")).isEmpty();
        assertThat((Integer) renamed.read("$.updated")).isEqualTo(1);
        assertThat(users(homeAdmin, home).get(student)).containsEntry("firstName", "Renamed")
            .containsEntry("home", true).containsEntry("hasPassword", true).containsEntry("mustChangePassword", true);
        assertThat(signedIn(student, "Home-Temp-2")).isTrue();
        assertThat(call(post("/api/v1/schools/" + home + "/users/" + student + "/welcome-email"), homeAdmin)
            .getResponse().getStatus()).isEqualTo(202);
        assertThat(call(post("/api/v1/schools/" + other + "/users/" + student + "/welcome-email"), operator)
            .getResponse().getStatus()).isEqualTo(202);
    }

    @Test
    void aPersonRenamedByTheirHomeSchoolIsListedAndFoundByTheNewNameAtTheirOtherSchool() throws Exception {
        var home = school(false);
        var other = school(false);
        var homeAdmin = admin(home);
        var otherAdmin = admin(other);
        var u = unique();
        var renamed = "renamed." + u + "@example.com";
        var stays = "stays." + u + "@example.com";
        importFile(homeAdmin, csv(HEADER, row("Zoe", "Zimmer", renamed, "H1", home)));
        // The other school's upload cannot rename the person: its list has the account's names.
        importFile(otherAdmin, csv(HEADER, row("Zoe", "Aaron", renamed, "O1", other),
            row("Mia", "Miller", stays, "O2", other)));
        assertThat(lastNamesInOrder(other, "")).containsExactly("Miller", "Zimmer");
        assertThat(lastNamesInOrder(other, "aaron")).isEmpty();

        // The home school's upload renames them, everywhere.
        importFile(homeAdmin, csv(HEADER, row("Zoe", "Abbott", renamed, "H1", home)));

        assertThat(lastNamesInOrder(other, "")).containsExactly("Abbott", "Miller");
        assertThat(lastNamesInOrder(other, "abbott")).containsExactly("Abbott");
        assertThat(lastNamesInOrder(other, "zimmer")).isEmpty();
        assertThat(lastNamesInOrder(home, "zoe abbott")).containsExactly("Abbott");
    }

    // The school's users page, as the portal lists it: by last name, first name, email.
    private List<String> lastNamesInOrder(String school, String search) {
        var page = accounts.searchUsers(school, search, null, new io.rollcall.paging.PageRequest(0, 50));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items().stream().map(io.rollcall.account.SchoolUser::lastName).toList();
    }

    private boolean signedIn(String email, String password) throws Exception {
        return "/".equals(signInFromElsewhere(email, password));
    }

    /** An import by an admin of schools A and B: a valid and a failed row for each, and one for no school. */
    private record Shared(String schoolA, String schoolB, String uploader, String adminA, String adminB, String id) {
    }

    private Shared sharedImport() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        var uploaderEmail = adminEmail(schoolA);
        grantAdmin(schoolB, uploaderEmail);
        var uploader = token(uploaderEmail, ADMIN_PASSWORD);
        var u = unique();
        var report = importFile(uploader, csv(HEADER + ",@notes",
            row("Ann", "A", "ann." + u + "@example.com", "A1", schoolA) + ",fine",
            row("Bad", "A", "not-an-email", "A2", schoolA) + ",=HYPERLINK(\"http://evil.example\")",
            row("Ben", "B", "ben." + u + "@example.com", "B1", schoolB) + ",fine",
            row("Bad", "B", "also-not-an-email", "B2", schoolB) + ",B medical note",
            row("Typo", "Z", "typo." + u + "@example.com", "Z1", "no-such-school") + ",uploader typo"));
        assertThat((Integer) report.read("$.failed")).isEqualTo(3);
        return new Shared(schoolA, schoolB, uploader, admin(schoolA), admin(schoolB), report.read("$.id"));
    }

    private String failedRows(String token, String id) throws Exception {
        var result = get("/api/v1/imports/" + id + "/failed-rows.csv", token);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void eachSchoolSeesOnlyItsOwnRowsOfAnImportOfSeveralSchools() throws Exception {
        var shared = sharedImport();

        var seenByA = json(get("/api/v1/imports/" + shared.id(), shared.adminA()));
        assertThat((List<Integer>) seenByA.read("$.errors[*].row")).containsExactly(3);
        assertThat((Integer) seenByA.read("$.errorCount")).isEqualTo(1);
        assertThat((List<Integer>) json(get("/api/v1/imports/" + shared.id() + "/errors", shared.adminA()))
            .read("$.items[*].row")).containsExactly(3);
        assertThat(failedRows(shared.adminA(), shared.id())).contains("not-an-email")
            .doesNotContain("B medical note").doesNotContain("uploader typo");

        var seenByB = json(get("/api/v1/imports/" + shared.id(), shared.adminB()));
        assertThat((List<Integer>) seenByB.read("$.errors[*].row")).containsExactly(5);
        assertThat((Integer) json(get("/api/v1/imports/" + shared.id() + "/errors", shared.adminB()))
            .read("$.total")).isEqualTo(1);
        assertThat(failedRows(shared.adminB(), shared.id())).contains("B medical note")
            .doesNotContain("HYPERLINK").doesNotContain("uploader typo");

        var seenByUploader = json(get("/api/v1/imports/" + shared.id(), shared.uploader()));
        assertThat((List<Integer>) seenByUploader.read("$.errors[*].row")).containsExactly(3, 5, 6);
        assertThat(failedRows(shared.uploader(), shared.id())).contains("B medical note", "uploader typo");
        assertThat((List<Integer>) json(get("/api/v1/imports/" + shared.id(), operator)).read("$.errors[*].row"))
            .containsExactly(3, 5, 6);
    }

    @Test
    void cellsEchoedToAnotherAdminCannotRunAsFormulas() throws Exception {
        var shared = sharedImport();

        assertThat(failedRows(shared.adminA(), shared.id())).contains("'=HYPERLINK(")
            // The header's cells too: an extra column's name is the uploader's text.
            .contains(",'@notes,error").doesNotContain(",@notes,");
        assertThat(failedRows(shared.uploader(), shared.id())).contains(",\"=HYPERLINK(")
            .doesNotContain("'=HYPERLINK(").contains(",@notes,error");
    }

    @Test
    void thePortalShowsAnotherSchoolOnlyItsOwnRows() throws Exception {
        var shared = sharedImport();
        var email = adminEmail(shared.schoolB());
        var session = signIn(email, ADMIN_PASSWORD);

        var page = mvc.perform(MockMvcRequestBuilders.get("/setup/imports/" + shared.id()).session(session.session()))
            .andReturn().getResponse().getContentAsString();
        var download = mvc.perform(MockMvcRequestBuilders.get("/setup/imports/" + shared.id() + "/failed-rows.csv")
            .session(session.session())).andReturn().getResponse().getContentAsString();

        assertThat(page).contains(">also-not-an-email<").doesNotContain(">not-an-email<")
            .doesNotContain("typo.");
        assertThat(download).contains("B medical note").doesNotContain("HYPERLINK");
    }

    @Test
    void aRevokedAdminNoLongerSeesTheImportsTheyUploadedThere() throws Exception {
        var school = school(false);
        var elsewhere = school(false);
        var email = adminEmail(school);
        grantAdmin(elsewhere, email);
        var token = token(email, ADMIN_PASSWORD);
        var report = importFile(token, csv(HEADER, row("Gone", "Soon", "gone." + unique() + "@example.com", "G1",
            school)));
        String id = report.read("$.id");
        assertThat(get("/api/v1/imports/" + id, token).getResponse().getStatus()).isEqualTo(200);

        assertThat(call(delete("/api/v1/schools/" + school + "/admins/" + email), operator).getResponse().getStatus())
            .isEqualTo(204);

        assertThat(get("/api/v1/imports/" + id, token).getResponse().getStatus()).isEqualTo(404);
        assertThat(get("/api/v1/imports/" + id + "/failed-rows.csv", token).getResponse().getStatus()).isEqualTo(404);
        assertThat((List<String>) json(get("/api/v1/imports", token)).read("$.items[*].id")).doesNotContain(id);
    }

    @Test
    void anUploaderSeesTheirFileErrorsAndQueuedImports() throws Exception {
        var school = school(false);
        var token = admin(school);
        var colleague = admin(school);

        var failed = importFile(token, csv(HEADER, "\"never closed,x,y,0,1," + school));

        assertThat((String) failed.read("$.status")).isEqualTo("FAILED");
        assertThat(get("/api/v1/imports/" + failed.read("$.id"), token).getResponse().getStatus()).isEqualTo(200);
        assertThat(get("/api/v1/imports/" + failed.read("$.id"), colleague).getResponse().getStatus()).isEqualTo(200);
        assertThat(get("/api/v1/imports/" + failed.read("$.id"), admin(school(false))).getResponse().getStatus())
            .isEqualTo(404);
    }
}
