package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Files at the contract's limit, on PostgreSQL, in a JVM of 256 MB heap: the slow tier
 * ({@code ./mvnw -Plarge test}, run by {@code .ci/run} after the main suite), as each test takes
 * about a minute.
 */
@Tag("large")
@SpringBootTest(properties = {"rollcall.import.max-rows=1000000", "rollcall.import.max-file-size=200MB"})
class LargeImportPostgresTests extends ImportingPostgresSupport {

    private static final int MILLION = 1_000_000;

    @TempDir
    Path dir;

    /** Writes the roster to disk row by row, so that the test itself holds no file in memory. */
    private Path roster(String prefix, String school, int rows, int invalidEvery, String lastLine) throws IOException {
        var file = dir.resolve(prefix + "csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int i = 1; i <= rows; i++) {
                var email = i % invalidEvery == 0 ? "not-an-email-" + i : prefix + i + "@example.com";
                out.write("First" + i + ",Last," + email + "," + (i % 10 == 0 ? 1 : 0) + "," + prefix + i + "," + school + "\n");
            }
            if (lastLine != null) {
                out.write(lastLine);
                out.write('\n');
            }
        }
        return file;
    }

    private String submit(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return uploads.submit(in, new ImportRequest(file.getFileName().toString(), false, null, false), operator()).id();
        }
    }

    @Test
    void importsAMillionRowsWithin256MegabytesOfHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m (./mvnw -Plarge test)")
            .isLessThanOrEqualTo(256L * 1024 * 1024);
        var school = school();
        var prefix = "million-" + unique() + "-";

        var job = awaitEnd(submit(roster(prefix, school, MILLION, 100, null)), Duration.ofMinutes(15));

        assertCompleted(job, 990_000, 10_000);
        assertThat(job.totalRows()).isEqualTo(MILLION);
        assertThat(accounts(prefix)).isEqualTo(990_000);
        assertThat(memberships(prefix, school)).isEqualTo(990_000);
        var failedRows = new LineCounter();
        assertThat(this.failedRows.write(job.id(), operator(), failedRows)).isTrue();
        assertThat(failedRows.lines).isEqualTo(1 + 10_000);
    }

    @Test
    void aMalformedRowAtTheEndOfALargeFileLeavesNothingWritten() throws Exception {
        var school = school();
        var prefix = "malformed-" + unique() + "-";

        var job = awaitEnd(submit(roster(prefix, school, 200_000, 100, "Last,Row,\"never closed,0,X,S")),
            Duration.ofMinutes(10));

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.fileErrorCode()).isEqualTo("MALFORMED_CSV");
        assertThat(job.fileErrorMessage()).contains("row 200002");
        assertThat(accounts(prefix)).isZero();
        assertThat(memberships(prefix, school)).isZero();
        assertThat(errors(job.id())).isZero();
        assertThat(jdbc.sql("select count(*) from import_row where import_id = :id").param("id", job.id())
            .query(Long.class).single()).isZero();
    }

    private static final class LineCounter extends OutputStream {
        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }
    }
}
