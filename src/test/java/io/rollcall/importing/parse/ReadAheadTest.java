package io.rollcall.importing.parse;

import static io.rollcall.importing.parse.FormatSnifferTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;

import io.rollcall.error.ErrorCode;

import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";

    @Test
    void handsOnEveryRowInOrderAcrossManyBatches() throws IOException {
        var file = roster(5_003);
        var direct = new ArrayList<ParsedRow>();
        try (var reader = open(file, 1_000_000)) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                direct.add(row.get());
            }
        }

        var ahead = new ArrayList<ParsedRow>();
        try (var reader = open(file, 1_000_000); var rows = new ReadAhead(reader::next, "test-reader")) {
            for (var row = rows.next(); row.isPresent(); row = rows.next()) {
                ahead.add(row.get());
            }
            assertThat(rows.next()).isEmpty();
        }

        assertThat(ahead).hasSize(5_003).isEqualTo(direct);
    }

    @Test
    void throwsTheFileErrorAfterTheRowsBeforeIt() throws IOException {
        try (var reader = open(roster(1_200), 1_100); var rows = new ReadAhead(reader::next, "test-reader")) {
            var read = new ArrayList<ParsedRow>();
            var e = catchThrowableOfType(FileRejected.class, () -> {
                for (var row = rows.next(); row.isPresent(); row = rows.next()) {
                    read.add(row.get());
                }
            });

            assertThat(read).hasSize(1_100);
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        }
    }

    @Test
    void handsOnAnErrorOfTheReadingThreadInsteadOfWaitingForever() {
        var rows = new java.util.concurrent.atomic.AtomicInteger();
        try (var ahead = new ReadAhead(() -> {
            if (rows.incrementAndGet() > 700) {
                throw new StackOverflowError("deep");
            }
            return java.util.Optional.of(new ParsedRow(rows.get() + 1, java.util.List.of()));
        }, "test-reader")) {
            var read = new ArrayList<ParsedRow>();
            var e = catchThrowableOfType(StackOverflowError.class, () -> {
                for (var row = ahead.next(); row.isPresent(); row = ahead.next()) {
                    read.add(row.get());
                }
            });

            assertThat(e).hasMessage("deep");
            assertThat(read).hasSize(700);
        }
    }

    @Test
    void stopsReadingWhenClosedEarly() throws Exception {
        Thread thread;
        try (var reader = open(roster(50_000), 1_000_000); var rows = new ReadAhead(reader::next, "early-close-reader")) {
            assertThat(rows.next()).isPresent();
            thread = readerThread();
            assertThat(thread).as("the reading thread runs").isNotNull();
        }
        assertThat(thread.isAlive()).isFalse();
    }

    private static Thread readerThread() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("early-close-reader")).findFirst().orElse(null);
    }

    private static byte[] roster(int rows) {
        var csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append("First").append(i).append(",Last,p").append(i).append("@example.com,0,I").append(i)
                .append(",648572\n");
        }
        return utf8(csv.toString());
    }

    private static RosterReader open(byte[] file, long maxRows) throws IOException {
        var format = FormatSniffer.sniff(() -> new ByteArrayInputStream(file));
        var reader = RosterReader.open(new ByteArrayInputStream(file), format, maxRows);
        reader.header();
        return reader;
    }
}
