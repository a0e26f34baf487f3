package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed spreadsheet exports are exactly what {@code MakeExports.java} writes: no hand edits drift. */
class ExportFixturesTest {

    private static final Path FOLDER = Path.of("src/test/resources/exports");

    @Test
    void theExportsFolderIsWhatItsScriptWrites(@TempDir Path out) throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, FOLDER.resolve("MakeExports.java").toString(), out.toString())
            .redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        try (var written = Files.list(out)) {
            var files = written.toList();
            assertThat(files).hasSize(9);
            for (var file : files) {
                var committed = FOLDER.resolve(file.getFileName());
                assertThat(committed).as("committed " + file.getFileName()).exists();
                assertThat(Files.readAllBytes(committed)).as(file.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(file));
            }
        }
    }
}
