package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
class RosterSyncApiPostgresTests extends AbstractRosterSyncApiTests {

    /**
     * A sync and an add of the same school, uploaded together and run by two workers at once, end as
     * one of the two orders would leave them: the add first (its newcomer and its renamed member are
     * both deactivated by the sync), or the sync first (the add's newcomer stays active, and its row
     * for the member the sync deactivated fails).
     */
    @RepeatedTest(3)
    void aSyncAndAnAddOfTheSameSchoolAtOnceEndAsOneOfTheTwoOrders() throws Exception {
        var roster = roster(20);
        var u = unique();
        var newcomer = "new." + u + "@example.com";
        var sync = new ArrayList<>(roster.rows().subList(1, 20));
        var add = List.of(String.join(",", "New", "Comer", newcomer, "0", "N-" + u, roster.school()),
            roster.rows().get(0).replace("Stu0,", "Renamed,"));

        var syncId = (String) JsonPath.read(upload(roster.admin(), csv(lines(sync)), "mode", "sync")
            .getResponse().getContentAsString(), "$.id");
        var addId = (String) JsonPath.read(upload(roster.admin(), csv(lines(add)))
            .getResponse().getContentAsString(), "$.id");
        var synced = awaitEnd(roster.admin(), syncId);
        var added = awaitEnd(roster.admin(), addId);

        assertThat(List.<Object>of(synced.read("$.status"), added.read("$.status"))).containsOnly("COMPLETED");
        var users = users(roster.admin(), roster.school());
        var addFirst = OffsetDateTime.parse(added.read("$.finishedAt"))
            .isBefore(OffsetDateTime.parse(synced.read("$.finishedAt")));
        assertThat(users.get(roster.emails().get(0))).containsEntry("status", "DEACTIVATED");
        if (addFirst) {
            assertThat(users.get(newcomer)).containsEntry("status", "DEACTIVATED");
            assertThat(users.get(roster.emails().get(0))).containsEntry("firstName", "Renamed");
            assertThat(List.<Object>of(added.read("$.created"), added.read("$.updated"), synced.read("$.deactivated")))
                .containsExactly(1, 1, 2);
        } else {
            assertThat(users.get(newcomer)).containsEntry("status", "ACTIVE");
            assertThat(users.get(roster.emails().get(0))).containsEntry("firstName", "Stu0");
            assertThat((List<String>) added.read("$.errors[*].code")).containsExactly("ACCOUNT_DEACTIVATED");
            assertThat(List.<Object>of(added.read("$.created"), synced.read("$.deactivated"))).containsExactly(1, 1);
        }
        assertThat(users.values()).filteredOn(user -> "ACTIVE".equals(user.get("status"))).hasSize(addFirst ? 19 : 20);
    }
}
