package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The contract's "Roster sync": {@code mode=sync} deactivates, at every school the file names, the
 * active members it does not list, within the safety limit; a dry run lists them and writes
 * nothing. Runs on H2 and PostgreSQL.
 */
abstract class AbstractRosterSyncApiTests extends ApiTestSupport {

    record Roster(String school, String admin, List<String> emails, List<String> rows) {
    }

    /** A school with {@code size} students, all imported and active. */
    Roster roster(int size) throws Exception {
        var school = school(false);
        var admin = admin(school);
        var emails = new ArrayList<String>();
        var rows = new ArrayList<String>();
        var u = unique();
        for (int i = 0; i < size; i++) {
            var email = "s" + i + "." + u + "@example.com";
            emails.add(email);
            rows.add(String.join(",", "Stu" + i, "Dent", email, "0", "ID-" + u + "-" + i, school));
        }
        var report = importFile(admin, csv(lines(rows)));
        assertThat((Integer) report.read("$.created")).isEqualTo(size);
        return new Roster(school, admin, emails, rows);
    }

    static String[] lines(List<String> rows) {
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        lines.addAll(rows);
        return lines.toArray(String[]::new);
    }

    Map<String, Object> user(Roster roster, String email) throws Exception {
        return users(roster.admin(), roster.school()).get(email);
    }

    @Test
    void aSyncDeactivatesTheMembersTheFileLeavesOutAndListsThem() throws Exception {
        var roster = roster(20);
        var kept = new ArrayList<>(roster.rows().subList(1, 20));
        kept.set(0, kept.get(0).replace(",0,ID-", ",1,ID-"));

        var report = importFile(roster.admin(), csv(lines(kept)), "mode", "sync");

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((String) report.read("$.mode")).isEqualTo("sync");
        assertThat(List.<Object>of(report.read("$.created"), report.read("$.updated"), report.read("$.unchanged"),
            report.read("$.failed"), report.read("$.deactivated"))).containsExactly(0, 1, 18, 0, 1);
        assertThat((List<String>) report.read("$.deactivations[*].email")).containsExactly(roster.emails().get(0));
        assertThat((List<String>) report.read("$.deactivations[*].firstName")).containsExactly("Stu0");
        assertThat(user(roster, roster.emails().get(0))).containsEntry("status", "DEACTIVATED");
        assertThat(user(roster, roster.emails().get(1))).containsEntry("status", "ACTIVE").containsEntry("role", "INSTRUCTOR");
        var page = json(get("/api/v1/imports/" + report.read("$.id") + "/deactivations?size=10", roster.admin()));
        assertThat((Integer) page.read("$.total")).isEqualTo(1);
        assertThat((List<String>) page.read("$.items[*].schoolId")).containsExactly(roster.school());
        // Once again: nothing left to deactivate.
        var again = importFile(roster.admin(), csv(lines(kept)), "mode", "sync");
        assertThat((Integer) again.read("$.deactivated")).isZero();
    }

    @Test
    void aSyncReactivatesTheDeactivatedMembersItListsEvenWhereUploadsDoNotReactivate() throws Exception {
        var roster = roster(20);
        call(MockMvcRequestBuilders.post("/api/v1/schools/" + roster.school() + "/users/" + roster.emails().get(3)
            + "/deactivate"), roster.admin());
        var add = importFile(roster.admin(), csv(lines(roster.rows())));
        assertThat((List<String>) add.read("$.errors[*].code")).containsExactly("ACCOUNT_DEACTIVATED");

        var report = importFile(roster.admin(), csv(lines(roster.rows())), "mode", "SYNC");

        assertThat(List.<Object>of(report.read("$.updated"), report.read("$.unchanged"), report.read("$.deactivated")))
            .containsExactly(1, 19, 0);
        assertThat(user(roster, roster.emails().get(3))).containsEntry("status", "ACTIVE");
    }

    @Test
    void aSyncThatWouldDeactivateMoreThanTheLimitChangesNothingUnlessConfirmed() throws Exception {
        var roster = roster(10);
        var shorter = new ArrayList<>(roster.rows().subList(0, 8));
        var u = unique();
        shorter.add(String.join(",", "New", "Comer", "new." + u + "@example.com", "0", "N-" + u, roster.school()));

        var refused = importFile(roster.admin(), csv(lines(shorter)), "mode", "sync");

        assertThat((String) refused.read("$.status")).isEqualTo("FAILED");
        assertThat((String) refused.read("$.fileError.code")).isEqualTo("SYNC_LIMIT_EXCEEDED");
        assertThat((String) refused.read("$.fileError.message")).startsWith("This full-roster upload would deactivate 2"
            + " of the 10 active members of school " + roster.school() + " (20%), more than the 10%");
        assertThat(users(roster.admin(), roster.school())).hasSize(10).allSatisfy((email, user) ->
            assertThat(user).containsEntry("status", "ACTIVE"));

        var dryRun = importFile(roster.admin(), csv(lines(shorter)), "mode", "sync", "dryRun", "true");
        assertThat((String) dryRun.read("$.status")).isEqualTo("COMPLETED");
        assertThat(List.<Object>of(dryRun.read("$.created"), dryRun.read("$.deactivated"))).containsExactly(1, 2);
        assertThat((List<String>) dryRun.read("$.deactivations[*].email"))
            .containsExactlyInAnyOrder(roster.emails().get(8), roster.emails().get(9));
        assertThat((List<String>) dryRun.read("$.warnings[*].code")).containsExactly("SYNC_LIMIT_EXCEEDED");
        assertThat(users(roster.admin(), roster.school())).hasSize(10).allSatisfy((email, user) ->
            assertThat(user).containsEntry("status", "ACTIVE"));

        var confirmed = importFile(roster.admin(), csv(lines(shorter)), "mode", "sync", "confirmLargeSync", "true");
        assertThat(List.<Object>of(confirmed.read("$.created"), confirmed.read("$.deactivated"))).containsExactly(1, 2);
        assertThat(user(roster, roster.emails().get(9))).containsEntry("status", "DEACTIVATED");
    }

    @Test
    void aSyncNeverDeactivatesAdminsNorPeopleWhoseRowFailedNorOtherSchools() throws Exception {
        var roster = roster(20);
        var other = roster(3);
        grantAdmin(roster.school(), roster.emails().get(0));
        var rows = new ArrayList<>(roster.rows().subList(2, 20));
        // Row of person 1 with a typo in isTeacher: it fails, and the person stays.
        rows.add(roster.rows().get(1).replace(",0,ID-", ",maybe,ID-"));

        var report = importFile(roster.admin(), csv(lines(rows)), "mode", "sync");

        assertThat(List.<Object>of(report.read("$.failed"), report.read("$.deactivated"))).containsExactly(1, 0);
        assertThat(user(roster, roster.emails().get(1))).containsEntry("status", "ACTIVE");
        assertThat(users(other.admin(), other.school())).hasSize(3).allSatisfy((email, user) ->
            assertThat(user).containsEntry("status", "ACTIVE"));
        var admins = importFile(operator, csv(lines(List.of(other.rows().get(0)))), "mode", "sync",
            "confirmLargeSync", "true");
        assertThat((Integer) admins.read("$.deactivated")).isEqualTo(2);
        assertThat(users(roster.admin(), roster.school())).allSatisfy((email, user) ->
            assertThat(user).containsEntry("status", "ACTIVE"));
    }

    @Test
    void eachSchoolsAdminSeesOnlyTheirOwnDeactivationsOfAnOperatorsSync() throws Exception {
        var first = roster(12);
        var second = roster(12);
        var rows = new ArrayList<String>();
        rows.addAll(first.rows().subList(1, 12));
        rows.addAll(second.rows().subList(1, 12));

        var report = importFile(operator, csv(lines(rows)), "mode", "sync");
        assertThat((Integer) report.read("$.deactivated")).isEqualTo(2);

        var seenByFirst = json(get("/api/v1/imports/" + report.read("$.id"), first.admin()));
        assertThat((Integer) seenByFirst.read("$.deactivated")).isEqualTo(1);
        assertThat((List<String>) seenByFirst.read("$.deactivations[*].email")).containsExactly(first.emails().get(0));
        var page = json(get("/api/v1/imports/" + report.read("$.id") + "/deactivations", second.admin()));
        assertThat((List<String>) page.read("$.items[*].email")).containsExactly(second.emails().get(0));
        var stranger = admin(school(false));
        assertThat(get("/api/v1/imports/" + report.read("$.id") + "/deactivations", stranger).getResponse().getStatus())
            .isEqualTo(404);
    }

    @Test
    void anUnknownModeIsRefusedBeforeAnythingIsStored() throws Exception {
        var roster = roster(1);
        MvcResult result = upload(roster.admin(), csv(lines(roster.rows())), "mode", "replace");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(result).read("$.detail")).isEqualTo("mode must be add or sync; nothing was imported");
    }
}
