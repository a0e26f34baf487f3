package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundles under {@code src/test/resources/oneroster/hand-checked-*} converted, compared with
 * the roster written out here in full, so that the mapping can be checked by eye. Both hold: a
 * teacher, a parent, a blank line, a tobedeleted student, a disabled user, a user at two orgs, an
 * org whose identifier is a Rollcall school (648572, 731004) and one whose is not (NORTH-01), an
 * org missing from orgs.csv, a user without an org, shuffled columns and unknown ones.
 */
class OneRosterHandCheckedTest {

    private static final Path RESOURCES = Path.of("src", "test", "resources", "oneroster");
    private static final Set<String> ROLLCALL_SCHOOLS = Set.of("648572", "731004");

    @TempDir
    Path dir;

    @Test
    void convertsTheHandCheckedOneRoster11Bundle() throws IOException {
        var conversion = convert("hand-checked-1.1");

        assertThat(Files.readString(dir.resolve("roster.csv"))).isEqualTo(csv(
            "firstName,lastName,email,isTeacher,issuedID,schoolID,oneRosterAction",
            "Ada,Lovelace,ada.lovelace@east.example.org,false,S1001,648572,import",
            "Alan,Turing,alan.turing@north.example.org,true,T2001,org-north,import",
            "Grace,Hopper,grace.hopper@east.example.org,true,T2002,648572,import",
            "Mary,Parent,mary.parent@example.com,,P3001,648572,skip:parent",
            "",
            "Edsger,Dijkstra,edsger.dijkstra@west.example.org,false,S1002,731004,deactivate",
            "Barbara,Liskov,barbara.liskov@east.example.org,false,S1003,648572,import",
            "Ken,\"Thompson, Jr.\",ken.thompson@east.example.org,false,S1004,org-gone,import",
            "Linus,Torvalds,linus.torvalds@west.example.org,false,S1005,,import",
            // Grace's second org, after users.csv's last row (10)
            "Grace,Hopper,grace.hopper@east.example.org,true,T2002,731004,import"));
        assertThat(conversion).isEqualTo(new Conversion(OneRosterVersion.V1_1, ProcessingMode.BULK,
            Set.of("district-1", "648572", "org-north", "731004"), 8));
    }

    @Test
    void convertsTheHandCheckedOneRoster12Bundle() throws IOException {
        var conversion = convert("hand-checked-1.2");

        assertThat(Files.readString(dir.resolve("roster.csv"))).isEqualTo(csv(
            "firstName,lastName,email,isTeacher,issuedID,schoolID,oneRosterAction",
            // primaryOrgSourcedId (org-west) is not read: the org comes from roles.csv
            "Ada,Lovelace,ada.lovelace@east.example.org,false,S1001,648572,import",
            "Alan,Turing,alan.turing@north.example.org,true,T2001,org-north,import",
            // the primary role first, though roles.csv lists the secondary one first
            "Grace,Hopper,grace.hopper@east.example.org,true,T2002,648572,import",
            "Mary,Parent,mary.parent@example.com,,P3001,648572,skip:parent",
            "",
            "Edsger,Dijkstra,edsger.dijkstra@west.example.org,false,S1002,731004,deactivate",
            "Barbara,Liskov,barbara.liskov@east.example.org,false,S1003,648572,import",
            // role Teacher in any case; the aide role at the same org gives no row
            "Ken,\"Thompson, Jr.\",ken.thompson@east.example.org,true,T2003,648572,import",
            // no roles.csv row: no role, no school, for the pipeline to report
            "Linus,Torvalds,linus.torvalds@west.example.org,,S1005,,import",
            // a repeated role, and a deleted one where an active one stays, give nothing more
            "Margaret,Hamilton,margaret.hamilton@west.example.org,false,S1006,731004,import",
            "Grace,Hopper,grace.hopper@east.example.org,true,T2002,731004,import",
            // Barbara's tobedeleted role at North
            "Barbara,Liskov,barbara.liskov@east.example.org,false,S1003,org-north,deactivate"));
        assertThat(conversion).isEqualTo(new Conversion(OneRosterVersion.V1_2, ProcessingMode.DELTA,
            Set.of("district-1", "648572", "org-north", "731004"), 9));
    }

    private Conversion convert(String bundle) throws IOException {
        var zip = OneRosterBundles.zipFolder(dir.resolve(bundle + ".zip"), RESOURCES.resolve(bundle));
        return OneRosterBundle.convert(zip, dir.resolve("roster.csv"), 10_000_000, 1_000, ROLLCALL_SCHOOLS::contains);
    }
}
