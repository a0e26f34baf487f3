package io.rollcall.importing.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import io.rollcall.error.ErrorCode;

/**
 * Streams a roster file row by row: the header first, then each non-blank data row with its
 * spreadsheet row number. Not thread-safe; close it to release the stream.
 */
public final class RosterReader implements AutoCloseable {

    // FastCSV's buffer: a row, which QuoteTracker refuses beyond Limits.MAX_ROW_CHARS, and room to read ahead.
    private static final int MAX_BUFFER_CHARS = 2 * Limits.MAX_ROW_CHARS;
    // FastCSV's own limit on the fields of one record.
    private static final int FASTCSV_MAX_FIELDS = 16_384;

    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final QuoteTracker quotes;
    private final long maxRows;
    private long row;
    private long dataRows;
    private Header header;

    private RosterReader(InputStream in, RosterFormat format, long maxRows) throws IOException {
        in.skipNBytes(format.bomLength());
        this.quotes = new QuoteTracker(new InputStreamReader(in, format.charset()), format.delimiter());
        this.csv = CsvReader.builder()
            .fieldSeparator(format.delimiter())
            .skipEmptyLines(false)
            .allowMissingFields(true)
            .allowExtraFields(true)
            .detectBomHeader(false)
            .maxBufferSize(MAX_BUFFER_CHARS)
            .ofCsvRecord(quotes);
        this.records = csv.iterator();
        this.maxRows = maxRows;
    }

    /** Opens the file; {@code maxRows} data rows at most, or the file is TOO_MANY_ROWS. */
    public static RosterReader open(InputStream in, RosterFormat format, long maxRows) throws IOException {
        return new RosterReader(in, format, maxRows);
    }

    /**
     * The header row, read on first call.
     *
     * @throws FileRejected when the header is unusable or the file has no rows
     */
    public Header header() {
        if (header == null) {
            var first = nextRecord()
                .orElseThrow(() -> new FileRejected(ErrorCode.EMPTY_FILE, "The file is empty: it has no header row"));
            header = Header.of(first.getFields());
        }
        return header;
    }

    /**
     * The next non-blank data row, or empty at the end of the file.
     *
     * @throws FileRejected MALFORMED_CSV or TOO_MANY_ROWS
     */
    public Optional<ParsedRow> next() {
        header();
        while (true) {
            var record = nextRecord();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            var fields = record.get().getFields();
            if (isBlank(fields)) {
                continue;
            }
            if (++dataRows > maxRows) {
                throw new FileRejected(ErrorCode.TOO_MANY_ROWS,
                    "The file has more than " + maxRows + " rows; split it into smaller files");
            }
            return Optional.of(new ParsedRow(row, fields));
        }
    }

    private Optional<CsvRecord> nextRecord() {
        try {
            if (!records.hasNext()) {
                long unclosed = quotes.unclosedQuoteRow();
                if (unclosed > 0) {
                    throw malformed(unclosed, "a quoted field is never closed");
                }
                return Optional.empty();
            }
            var record = records.next();
            row++;
            // FastCSV takes an unclosed quoted field to the end of the file and hands it out as one
            // last record; refuse the file before that record can pass for a row (or the header).
            long unclosed = quotes.unclosedQuoteRow();
            if (unclosed > 0 && !records.hasNext()) {
                throw malformed(unclosed, "a quoted field is never closed");
            }
            return Optional.of(record);
        } catch (CsvParseException e) {
            // QuoteTracker's refusal of a cell or row beyond the limits, which FastCSV wraps.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof FileRejected rejected) {
                    throw rejected;
                }
            }
            // FastCSV stops at its own limit of fields in a record, far above ours: still a header
            // with too many columns, not a broken file.
            if (row == 0 && quotes.headerFields() > Header.MAX_COLUMNS) {
                throw new FileRejected(ErrorCode.TOO_MANY_COLUMNS, "The header has at least " + quotes.headerFields()
                    + " columns; at most " + Header.MAX_COLUMNS + " are allowed");
            }
            if (isOverFieldLimit(e)) {
                throw malformed(row + 1, "the row has more than " + FASTCSV_MAX_FIELDS + " cells");
            }
            throw malformed(row + 1, "a quoted field has text after its closing quote, or a field is too long");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof IncompleteFile incomplete) {
                throw new FileRejected(ErrorCode.FILE_INCOMPLETE, incomplete.getMessage());
            }
            throw new FileRejected(ErrorCode.MALFORMED_CSV, "The file could not be read: " + e.getCause().getMessage());
        }
    }

    // FastCSV names its limit only in the message ("... has surpassed the maximum limit of 16384
    // fields"); RosterReaderTest pins it, so that a new wording fails the build, not a user.
    private static boolean isOverFieldLimit(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("maximum limit of " + FASTCSV_MAX_FIELDS + " fields")) {
                return true;
            }
        }
        return false;
    }

    private static FileRejected malformed(long row, String why) {
        return new FileRejected(ErrorCode.MALFORMED_CSV, "Malformed CSV at row " + row + ": " + why);
    }

    // Blank lines, and rows of only delimiters or spaces, count as rows but hold no user.
    private static boolean isBlank(List<String> fields) {
        for (var field : fields) {
            if (!field.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
