package io.rollcall.importing.oneroster;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * Writes the roster CSV so that its row N is users.csv's row N: a user's first row, or an empty
 * line, in step with users.csv; the user's further rows go to a spool file next to the output and
 * are appended after the last one. The bytes of both and the rows are counted against a
 * {@link RosterBudget}. A failure to write is an IOException, never a FileRejected: it is the
 * server's storage, not the upload. Not thread-safe.
 */
final class RosterOutput implements Closeable {

    private final Path out;
    private final RosterBudget budget;
    private final OutputStream stream;
    private final CsvWriter rows;
    private Path spool;
    private CsvWriter later;

    private RosterOutput(Path out, RosterBudget budget) throws IOException {
        this.out = out;
        this.budget = budget;
        this.stream = new BufferedOutputStream(Files.newOutputStream(out));
        this.rows = CsvWriter.builder().build(budget.meter(stream), StandardCharsets.UTF_8);
        write(rows, RosterRow.HEADER);
    }

    /** Starts {@code out} (replacing it) with the header row. */
    static RosterOutput create(Path out, RosterBudget budget) throws IOException {
        return new RosterOutput(out, budget);
    }

    /**
     * The row of a users.csv row that holds no user.
     *
     * @throws io.rollcall.importing.parse.FileRejected as {@link RosterBudget#checkBytes()}
     */
    void blank() throws IOException {
        write(rows, List.of());
        budget.checkBytes();
    }

    /**
     * A user's rows: the first at the user's row, the others after the last users.csv row.
     *
     * @throws io.rollcall.importing.parse.FileRejected as {@link RosterBudget#rows(int)} (before any
     *         is written) and {@link RosterBudget#checkBytes()}
     */
    void user(List<RosterRow> user) throws IOException {
        budget.rows(user.size());
        write(rows, user.get(0).cells());
        for (var row : user.subList(1, user.size())) {
            if (later == null) {
                var folder = out.toAbsolutePath().getParent();
                spool = Files.createTempFile(folder, "oneroster-", ".csv");
                later = CsvWriter.builder().build(budget.meter(new BufferedOutputStream(Files.newOutputStream(spool))),
                    StandardCharsets.UTF_8);
            }
            write(later, row.cells());
        }
        budget.checkBytes();
    }

    /**
     * Appends the further rows; close it then.
     *
     * @throws io.rollcall.importing.parse.FileRejected as {@link RosterBudget#checkBytes()}, once
     *         all is counted
     */
    void finish() throws IOException {
        rows.flush();
        if (later != null) {
            later.close();
            later = null;
        }
        budget.checkBytes();
        if (spool != null) {
            // Counted as the spool was written.
            Files.copy(spool, stream);
        }
    }

    // CsvWriter wraps an IOException; the caller tells storage failures by theirs.
    private static void write(CsvWriter writer, List<String> cells) throws IOException {
        try {
            writer.writeRecord(cells);
        } catch (UncheckedIOException e) {
            throw e.getCause();
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
