package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.importing.apply.Applier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@ActiveProfiles({"test", "postgres"})
@ExtendWith(OutputCaptureExtension.class)
class ImportApiPostgresTests extends AbstractImportApiTests {

    private static final String REFUSED = "the insert met a key already taken";

    // A file of new people is not searched for taken issuedIDs past its first rows: the insert finds one,
    // and the step goes back to before it, checks every row and inserts again.
    @Test
    void anIssuedIdTakenPastTheFirstRowsIsFoundByTheInsertAndTheRestWrittenOnce(CapturedOutput output) throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER, row("Holder", "One", "holder." + u + "@example.com", "0", "T1", school)));
        var lines = new ArrayList<String>(List.of(HEADER));
        for (int i = 0; i < Applier.ISSUED_IDS_SAMPLED; i++) {
            lines.add(row("New", "Person" + i, "new" + i + "." + u + "@example.com", "0", "N" + i, school));
        }
        lines.add(row("Late", "Comer", "late." + u + "@example.com", "0", "T1", school));

        var report = importFile(admin, csv(lines.toArray(String[]::new)));

        assertThat(List.of(report.read("$.created"), report.read("$.failed")))
            .containsExactly(Applier.ISSUED_IDS_SAMPLED, 1);
        assertThat((List<Object>) report.read("$.errors[*].row")).containsExactly(Applier.ISSUED_IDS_SAMPLED + 2);
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("ISSUED_ID_TAKEN");
        assertThat(output.getOut()).contains("Import " + report.read("$.id") + ": " + REFUSED);
        var jdbc = context.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from membership where school_id = :school").param("school", school)
            .query(Long.class).single()).isEqualTo(Applier.ISSUED_IDS_SAMPLED + 1L);
        assertThat(jdbc.sql("select count(*) from account where email_key like :pattern")
            .param("pattern", "%." + u.toLowerCase() + "@example.com").query(Long.class).single())
            .isEqualTo(Applier.ISSUED_IDS_SAMPLED + 1L);
    }

    // A taken issuedID among the first rows is found before the insert, which then runs once.
    @Test
    void anIssuedIdTakenInTheFirstRowsIsCheckedBeforeTheInsert(CapturedOutput output) throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER, row("Holder", "One", "holder." + u + "@example.com", "0", "T1", school)));

        var report = importFile(admin, csv(HEADER,
            row("Early", "Comer", "early." + u + "@example.com", "0", "T1", school),
            row("New", "Person", "new." + u + "@example.com", "0", "N1", school)));

        assertThat(List.of(report.read("$.created"), report.read("$.failed"))).containsExactly(1, 1);
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("ISSUED_ID_TAKEN");
        assertThat(output.getOut()).doesNotContain("Import " + report.read("$.id") + ": " + REFUSED);
    }
}
