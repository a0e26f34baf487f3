package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code bin/rollcall-sync}, the nightly job's script, against a running Rollcall: it uploads,
 * waits, prints the counts, saves the failed rows, and says by its exit status whether a person
 * must look. Needs {@code sh} and {@code curl}, which {@code .ci/run} makes sure of.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "h2"})
class RollcallSyncScriptTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run sync(String token, Path file, String... options) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("sh", Path.of("bin", "rollcall-sync").toAbsolutePath().toString()));
        command.addAll(List.of(options));
        command.add(file.toString());
        var builder = new ProcessBuilder(command);
        builder.environment().put("ROLLCALL_URL", "http://localhost:" + port + "/");
        builder.environment().put("ROLLCALL_API_KEY", token);
        var out = dir.resolve("out-" + unique());
        var err = dir.resolve("err-" + unique());
        var process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path file(String name, String content) throws IOException {
        var path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    @Test
    void theScriptImportsReportsSavesFailedRowsAndExitsByWhatHappened() throws Exception {
        var school = school(false);
        var adminToken = admin(school);
        // The nightly job's credential: the school's API key, as an admin makes it once.
        var made = json(postJson("/api/v1/schools/" + school + "/api-keys", adminToken, "{\"name\":\"Nightly SIS\"}"));
        String admin = made.read("$.key");
        var u = unique();
        var roster = file("roster.csv", csv(HEADER, String.join(",", "Ann", "Ok", "ann." + u + "@example.com", "0", "1", school),
            String.join(",", "Bad", "Row", "not-an-email", "0", "2", school)));

        var run = sync(admin, roster);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("created 1, updated 0, unchanged 0, failed 1", "failed rows saved to");
        assertThat(Files.readString(dir.resolve("roster-failed-rows.csv"))).contains("Bad,Row,not-an-email")
            .contains("Validation isEmail on email failed");
        // Run again (as cron would after a dropped connection): the same import, not a second one.
        var again = sync(admin, roster);
        assertThat(again.out().lines().findFirst()).isEqualTo(run.out().lines().findFirst());
        assertThat((Integer) json(get("/api/v1/imports?size=1000", adminToken)).read("$.total")).isEqualTo(1);

        var clean = file("clean.csv", csv(HEADER, String.join(",", "Cy", "Clean", "cy." + u + "@example.com", "0", "3", school)));
        var ok = sync(admin, clean, "--mode", "add");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("created 1, updated 0, unchanged 0, failed 0");

        var refused = sync(admin, file("bad.csv", "firstName,lastName\nA,B\n"));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("the file was refused: Missing required fields", "MISSING_FIELDS");

        var dryRun = sync(admin, clean, "--mode", "sync", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("deactivated 1", "(dry run: nothing written)");

        var bundle = io.rollcall.importing.oneroster.OneRosterBundles.zip(dir.resolve("oneroster.zip"), java.util.Map.of(
            "manifest.csv", io.rollcall.importing.oneroster.OneRosterBundles.manifest(
                io.rollcall.importing.oneroster.OneRosterVersion.V1_1, io.rollcall.importing.oneroster.ProcessingMode.DELTA),
            "orgs.csv", "sourcedId,name,type,identifier\norg-1,Ours,school," + school + "\n",
            "users.csv", "sourcedId,status,orgSourcedIds,role,givenName,familyName,identifier,email\n"
                + "u1,,org-1,student,Dee,Bundle,4," + "dee." + u + "@example.com\n"));
        var fromBundle = sync(admin, bundle);
        assertThat(fromBundle.exit()).as(fromBundle.err()).isZero();
        assertThat(fromBundle.out()).contains("created 1, updated 0, unchanged 0, failed 0");

        var denied = sync("not-a-token", clean);
        assertThat(denied.exit()).isEqualTo(3);
        assertThat(denied.err()).contains("upload answered 401");
        assertThat(sync(admin, dir.resolve("missing.csv")).err()).contains("cannot read");
        // A revoked key stops the job at once.
        call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/schools/" + school
            + "/api-keys/" + made.read("$.id")), adminToken);
        var revoked = sync(admin, clean);
        assertThat(revoked.exit()).isEqualTo(3);
        assertThat(revoked.err()).contains("upload answered 401");
    }
}
