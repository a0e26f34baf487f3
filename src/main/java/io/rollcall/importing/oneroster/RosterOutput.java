package io.rollcall.importing.oneroster;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * Writes the roster CSV so that its row N is users.csv's row N: a user's first row, or an empty
 * line, in step with users.csv; the user's further rows go to a spool file next to the output and
 * are appended after the last one. Not thread-safe.
 */
final class RosterOutput implements Closeable {

    private final Path out;
    private final OutputStream stream;
    private final CsvWriter rows;
    private Path spool;
    private CsvWriter later;

    private RosterOutput(Path out) throws IOException {
        this.out = out;
        this.stream = new BufferedOutputStream(Files.newOutputStream(out));
        this.rows = CsvWriter.builder().build(stream, StandardCharsets.UTF_8);
        rows.writeRecord(RosterRow.HEADER);
    }

    /** Starts {@code out} (replacing it) with the header row. */
    static RosterOutput create(Path out) throws IOException {
        return new RosterOutput(out);
    }

    /** The row of a users.csv row that holds no user. */
    void blank() {
        rows.writeRecord(List.of());
    }

    /** A user's rows: the first at the user's row, the others after the last users.csv row. */
    void user(List<RosterRow> user) throws IOException {
        rows.writeRecord(user.get(0).cells());
        for (var row : user.subList(1, user.size())) {
            if (later == null) {
                var folder = out.toAbsolutePath().getParent();
                spool = Files.createTempFile(folder, "oneroster-", ".csv");
                later = CsvWriter.builder().build(spool, StandardCharsets.UTF_8);
            }
            later.writeRecord(row.cells());
        }
    }

    /** Appends the further rows; close it then. */
    void finish() throws IOException {
        rows.flush();
        if (later != null) {
            later.close();
            later = null;
            Files.copy(spool, stream);
        }
    }

    @Override
    public void close() throws IOException {
        try (stream; rows) {
            if (later != null) {
                later.close();
            }
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }
}
