package io.rollcall.importing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.Column;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.FormatSniffer;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.ParsedRow;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.validate.CheckedRow;
import io.rollcall.importing.validate.RowError;
import io.rollcall.importing.validate.RowValidator;

/**
 * The import pipeline without a database, run on arbitrary bytes as the upload and the worker run
 * it: sniff, read the header (upload), count every row (worker, pass 1), then read and check every
 * row (worker, pass 2). {@link #check(byte[])} fails on anything a user must never see: an
 * exception other than a file error, two passes that disagree, a file error that went unnoticed
 * (so some of its rows could be written), or a row passed as valid that breaks a row rule.
 */
public final class RosterPipeline {

    /** Small, so that fuzzing reaches TOO_MANY_ROWS. */
    static final int MAX_ROWS = 5;
    static final Set<String> SCHOOLS = Set.of("648572", "S1");

    static final Set<ErrorCode> FILE_ERRORS = EnumSet.of(ErrorCode.MISSING_FIELDS, ErrorCode.EMPTY_FILE,
        ErrorCode.NOT_CSV, ErrorCode.MALFORMED_CSV, ErrorCode.DUPLICATE_COLUMN, ErrorCode.TOO_MANY_ROWS,
        ErrorCode.TOO_MANY_COLUMNS);

    // The contract's row rules: code -> message, "%s" standing for the field's header name.
    private static final Map<ErrorCode, String> ROW_MESSAGES = Map.of(
        ErrorCode.MISSING_VALUE, "%s is required",
        ErrorCode.VALUE_TOO_LONG, "%s is longer than \\d+ characters",
        ErrorCode.INVALID_CHARACTER, "%s contains a (control character|line break)",
        ErrorCode.INVALID_EMAIL, "Validation isEmail on email failed",
        ErrorCode.INVALID_IS_TEACHER, "isTeacher must be 0 or 1",
        ErrorCode.INVALID_ISSUED_ID, "issuedID looks rounded by a spreadsheet \\(.*\\); format the column as Text and "
            + "export again",
        ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school(\\. Did a spreadsheet drop leading zeros\\? You administer"
            + " school [0-9]+; format the schoolID column as Text and export again)?");

    private RosterPipeline() {
    }

    /** What the pipeline made of a file: a file error, or the header and every checked row. */
    record Outcome(FileRejected fileError, Header header, java.nio.charset.Charset charset, char delimiter,
            List<ParsedRow> rows, List<CheckedRow> checked) {

        boolean accepted() {
            return fileError == null;
        }
    }

    /**
     * How much CPU time one input may take before it counts as a hang. CPU time, not wall time:
     * CI shares its cores, and a waiting thread is not a hanging one. Inputs are a few KB and take
     * milliseconds; the wall-clock limit only catches a thread that never gets the CPU at all.
     */
    static final Duration CPU_LIMIT = Duration.ofSeconds(2);
    static final Duration WALL_LIMIT = Duration.ofSeconds(60);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AtomicReference<Thread> RUNNER_THREAD = new AtomicReference<>();
    private static ExecutorService runner = newRunner();

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(task -> {
            var thread = new Thread(task, "roster-pipeline");
            thread.setDaemon(true);
            RUNNER_THREAD.set(thread);
            return thread;
        });
    }

    static {
        // Load (and, when fuzzing, instrument) every class on the way once, outside the time limit;
        // in this thread, as the runner would wait for this class's initialization to end.
        for (var seed : FuzzCorpus.files()) {
            try {
                run(FuzzCorpus.read(seed));
            } catch (Exception | AssertionError e) {
                // the seed's own check reports it
            }
        }
    }

    /** Runs the pipeline and asserts its invariants; returns what it made of the file. */
    public static synchronized Outcome check(byte[] file) {
        Outcome outcome = null;
        var run = runner.submit(() -> run(file));
        var thread = RUNNER_THREAD.get();
        long cpuStart = THREADS.getThreadCpuTime(thread.getId());
        long wallStart = System.nanoTime();
        try {
            while (outcome == null) {
                try {
                    outcome = run.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long cpu = THREADS.getThreadCpuTime(thread.getId()) - cpuStart;
                    long wall = System.nanoTime() - wallStart;
                    if (cpu > CPU_LIMIT.toNanos() || wall > WALL_LIMIT.toNanos()) {
                        run.cancel(true);
                        runner = newRunner(); // the hung thread keeps the old one
                        throw new AssertionError("the pipeline took " + Duration.ofNanos(cpu) + " of CPU ("
                            + Duration.ofNanos(wall) + " in all) on one file of " + file.length + " bytes: a hang");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new AssertionError("the pipeline threw " + e.getCause() + " instead of a file error", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (outcome.accepted()) {
            checkAccepted(file, outcome);
        } else {
            assertThat(FILE_ERRORS).as("file error code of %s", outcome.fileError()).contains(outcome.fileError().code());
            assertThat(outcome.fileError().getMessage()).isNotBlank();
            if (outcome.fileError().code() == ErrorCode.MISSING_FIELDS) {
                assertThat(outcome.fileError().missingFields()).isNotEmpty();
            }
        }
        return outcome;
    }

    static Outcome run(byte[] file) throws IOException {
        RosterFormat format;
        try {
            format = FormatSniffer.sniff(() -> new ByteArrayInputStream(file));
            try (var reader = RosterReader.open(new ByteArrayInputStream(file), format, MAX_ROWS)) {
                reader.header();
            }
        } catch (FileRejected e) {
            return new Outcome(e, null, null, (char) 0, List.of(), List.of());
        }
        // Pass 1, as the worker counts the rows before staging any.
        var counted = new ArrayList<ParsedRow>();
        FileRejected countError = null;
        try (var reader = RosterReader.open(new ByteArrayInputStream(file), format, MAX_ROWS)) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                counted.add(row.get());
            }
        } catch (FileRejected e) {
            countError = e;
        }
        // Pass 2, as the worker reads, checks and stages: it must see the very same rows.
        var rows = new ArrayList<ParsedRow>();
        var checked = new ArrayList<CheckedRow>();
        FileRejected stageError = null;
        Header header = null;
        try (var reader = RosterReader.open(new ByteArrayInputStream(file), format, MAX_ROWS)) {
            header = reader.header();
            var validator = new RowValidator(header, SCHOOLS, format.delimiter());
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
                checked.add(validator.check(row.get()));
            }
        } catch (FileRejected e) {
            stageError = e;
        }
        if (countError != null || stageError != null) {
            assertThat(stageError).as("pass 2 after pass 1 failed with %s", countError).isNotNull();
            assertThat(countError).as("pass 1 after pass 2 failed with %s", stageError).isNotNull();
            assertThat(stageError.code()).isEqualTo(countError.code());
            assertThat(stageError.getMessage()).isEqualTo(countError.getMessage());
            return new Outcome(countError, null, format.charset(), format.delimiter(), List.of(), List.of());
        }
        assertThat(rows).as("rows of pass 2 against pass 1").isEqualTo(counted);
        return new Outcome(null, header, format.charset(), format.delimiter(), rows, checked);
    }

    private static void checkAccepted(byte[] file, Outcome outcome) {
        var expected = Reference.fileErrorOf(file);
        if (expected != null) {
            fail("the file should have been the file error %s but %d rows went on to be checked", expected,
                outcome.rows().size());
        }
        assertThat(outcome.header().cells().size()).isLessThanOrEqualTo(Header.MAX_COLUMNS);
        // Every non-blank record after the header, with its spreadsheet row, exactly as uploaded.
        var records = Reference.records(Reference.decode(file, outcome.charset()), outcome.delimiter());
        var expectedRows = records.stream().skip(1).filter(r -> !r.blank())
            .map(r -> new ParsedRow(r.row(), r.fields())).toList();
        assertThat(outcome.rows()).as("rows as the reference reads them").isEqualTo(expectedRows);
        assertThat(outcome.rows().size()).isLessThanOrEqualTo(MAX_ROWS);
        long previous = 1;
        for (int i = 0; i < outcome.rows().size(); i++) {
            var row = outcome.rows().get(i);
            assertThat(row.row()).as("row numbers increase from 2").isGreaterThan(previous);
            previous = row.row();
            assertThat(row.fields()).as("a blank row is skipped").anyMatch(f -> !f.isBlank());
            checkRow(outcome, row, outcome.checked().get(i));
        }
    }

    private static void checkRow(Outcome outcome, ParsedRow parsed, CheckedRow checked) {
        assertThat(checked.row()).isEqualTo(parsed.row());
        for (RowError error : checked.errors()) {
            assertThat(error.row()).isEqualTo(parsed.row());
            var pattern = ROW_MESSAGES.get(error.code());
            assertThat(pattern).as("row error code %s", error.code()).isNotNull();
            assertThat(error.message()).matches(pattern.replace("%s", java.util.regex.Pattern.quote(error.field())));
        }
        if (!checked.valid()) {
            return;
        }
        // A valid row is written as is: each value must keep every row rule.
        for (var column : Column.values()) {
            var raw = outcome.header().value(parsed.fields(), column).strip();
            var value = switch (column) {
                case FIRST_NAME -> checked.firstName();
                case LAST_NAME -> checked.lastName();
                case EMAIL -> checked.email();
                case ISSUED_ID -> checked.issuedId();
                case SCHOOL_ID -> checked.schoolId();
                case IS_TEACHER -> checked.role() == null ? null : raw;
            };
            assertThat(value).as(column.header()).isNotNull().isEqualTo(raw).isNotBlank();
            if (column.maxLength() > 0) {
                assertThat(value.length()).as(column.header()).isLessThanOrEqualTo(column.maxLength());
            }
            assertThat(value.chars().filter(c -> Character.isISOControl(c) && !(c == '\t' && outcome.delimiter() == '\t')))
                .as("%s has no control character", column.header()).isEmpty();
        }
        assertThat(checked.schoolId()).isIn(SCHOOLS);
        // 1 and 0, or what a checkbox column exports, in any case.
        assertThat(outcome.header().value(parsed.fields(), Column.IS_TEACHER).strip().toLowerCase(java.util.Locale.ROOT))
            .isIn("0", "1", "true", "false", "yes", "no", "y", "n");
        assertThat(checked.issuedId()).doesNotMatch("[0-9](\\.[0-9]+)?[eE]\\+[0-9]+");
        assertThat(checked.email()).contains("@");
    }
}
