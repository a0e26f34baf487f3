package io.rollcall.importing.oneroster;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.Limits;

/**
 * Streams one CSV file of a bundle (UTF-8, a BOM skipped, comma-delimited): the header, then every
 * row, blank ones included, with its spreadsheet row number. Errors name the file. Not
 * thread-safe; close it to release the entry.
 */
final class BundleCsv implements AutoCloseable {

    // FastCSV's buffer holds one field: room for the longest allowed, so a longer one is ours to name.
    private static final int MAX_BUFFER_CHARS = 4 * Limits.MAX_FIELD_CHARS;

    private final String fileName;
    private final QuoteWatch quotes;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final RowLimit limit;
    private long row;
    private long dataRows;
    private List<String> header;

    private BundleCsv(InputStream in, String fileName, RowLimit limit) {
        this.fileName = fileName;
        this.limit = limit;
        var buffered = new BufferedInputStream(in);
        skipBom(buffered);
        var utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.quotes = new QuoteWatch(new InputStreamReader(buffered, utf8));
        var handler = CsvRecordHandler.builder()
            .maxFieldSize(Limits.MAX_FIELD_CHARS)
            .maxRecordSize(Limits.MAX_ROW_CHARS)
            .maxFields(Header.MAX_COLUMNS)
            .build();
        this.csv = CsvReader.builder()
            .skipEmptyLines(false)
            .allowMissingFields(true)
            .allowExtraFields(true)
            .detectBomHeader(false)
            .maxBufferSize(MAX_BUFFER_CHARS)
            .build(handler, quotes);
        this.records = csv.iterator();
    }

    /**
     * Reads {@code in}, an entry of the zip; more non-blank data rows than the limit are TOO_MANY_ROWS.
     *
     * @throws FileRejected NOT_CSV when the entry cannot be unpacked, or as {@link #next()}
     */
    static BundleCsv open(InputStream in, String fileName, RowLimit limit) {
        return new BundleCsv(in, fileName, limit);
    }

    String fileName() {
        return fileName;
    }

    /**
     * The header row's cells, read on first call.
     *
     * @throws FileRejected EMPTY_FILE when the file has no rows, or as {@link #next()}
     */
    List<String> header() {
        if (header == null) {
            header = nextRecord().orElseThrow(() -> new FileRejected(ErrorCode.EMPTY_FILE,
                fileName + " in the zip is empty: it has no header row"));
        }
        return header;
    }

    /**
     * The next row after the header, blank or not, or empty at the end of the file.
     *
     * @throws FileRejected MALFORMED_CSV, ENCODING_MISMATCH, FIELD_TOO_LARGE, ROW_TOO_LARGE,
     *                      TOO_MANY_COLUMNS, TOO_MANY_ROWS, UNSAFE_ARCHIVE when the zip unpacks
     *                      to more than its budget, or NOT_CSV when the entry cannot be unpacked
     */
    Optional<BundleRow> next() {
        header();
        var cells = nextRecord();
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        var next = new BundleRow(row, cells.get());
        if (!next.isBlank() && ++dataRows > limit.rows()) {
            throw new FileRejected(ErrorCode.TOO_MANY_ROWS, fileName + " in the zip has more than " + limit.rows()
                + " rows; " + limit.rule());
        }
        return Optional.of(next);
    }

    private Optional<List<String>> nextRecord() {
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            var record = records.next();
            row++;
            // The rest of the file as one last record: a quoted field that is never closed.
            if (quotes.quoteOpen() && !records.hasNext()) {
                throw malformed(row, "a quoted field is never closed");
            }
            return Optional.of(record.getFields());
        } catch (FileRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, row + 1);
        }
    }

    // FastCSV wraps what went wrong; its limits are told apart only by their messages, which
    // OneRosterFileErrorsTest pins, so that a new wording fails the build, not a user.
    private FileRejected translate(RuntimeException e, long where) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileRejected rejected) {
                return rejected;
            }
            if (cause instanceof CharacterCodingException) {
                // The decoder reads ahead by kilobytes: the row is not known.
                return new FileRejected(ErrorCode.ENCODING_MISMATCH, fileName + " in the zip is not valid UTF-8;"
                    + " OneRoster files are UTF-8");
            }
            // FastCSV only reads the entry: any other failure to read is the zip's (writing is not done here).
            if (cause instanceof IOException) {
                return BundleArchive.damaged(fileName);
            }
            var message = String.valueOf(cause.getMessage());
            if (message.contains("exceeds the max field size") || message.contains("insufficient to read the data")) {
                return new FileRejected(ErrorCode.FIELD_TOO_LARGE, fileName + " in the zip has a cell longer than "
                    + Limits.MAX_FIELD_CHARS + " characters at row " + where + "; check that every quote is closed"
                    + " where it should be");
            }
            if (message.contains("exceeds the max record size")) {
                return new FileRejected(ErrorCode.ROW_TOO_LARGE, fileName + " in the zip has a row longer than "
                    + Limits.MAX_ROW_CHARS + " characters at row " + where);
            }
            if (message.contains("maximum limit of " + Header.MAX_COLUMNS + " fields")) {
                return new FileRejected(ErrorCode.TOO_MANY_COLUMNS, fileName + " in the zip has more than "
                    + Header.MAX_COLUMNS + " cells at row " + where);
            }
        }
        return malformed(where, "a quoted field has text after its closing quote");
    }

    private FileRejected malformed(long where, String why) {
        return new FileRejected(ErrorCode.MALFORMED_CSV, fileName + " in the zip is malformed at row " + where + ": " + why);
    }

    private void skipBom(BufferedInputStream in) {
        try {
            in.mark(3);
            if (!isBom(in.readNBytes(3))) {
                in.reset();
            }
        } catch (IOException e) {
            throw BundleArchive.damaged(fileName);
        }
    }

    private static boolean isBom(byte[] head) {
        return head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
