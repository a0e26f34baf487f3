package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

import io.rollcall.importing.fuzz.FuzzCorpus;

/**
 * A property through the HTTP API: whatever bytes are uploaded, the answer is 202 or a 4xx
 * problem, never a 500 or a stack trace; an import ends COMPLETED or FAILED with a file error (never
 * IMPORT_FAILED), a FAILED one writes nothing, and the failed-rows download of a completed one
 * works and starts no cell of its own with = + - @. Inputs: the fuzz corpus and seeded random
 * mutations of it; set {@code -Drollcall.fuzz.seed=N} and {@code -Drollcall.fuzz.uploads=N} to vary.
 */
@ActiveProfiles({"test", "h2"})
class ArbitraryUploadApiTests extends ApiTestSupport {

    private static final Set<String> FILE_ERRORS = Set.of("MISSING_FIELDS", "EMPTY_FILE", "NOT_CSV",
        "MALFORMED_CSV", "DUPLICATE_COLUMN", "TOO_MANY_ROWS", "TOO_MANY_COLUMNS");
    private static final byte[] NASTY = "\"\",;\t\r\n\0\u00ff=+-@ ".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void noUploadGetsA500OrWritesRowsOfAFileError() throws Exception {
        long seed = Long.getLong("rollcall.fuzz.seed", 20261125L);
        int mutations = Integer.getInteger("rollcall.fuzz.uploads", 24);
        var random = new Random(seed);
        var school = school(false);
        var admin = admin(school);
        var seeds = new ArrayList<byte[]>();
        for (var file : FuzzCorpus.files()) {
            seeds.add(withSchool(FuzzCorpus.read(file), school));
        }
        var uploads = new ArrayList<byte[]>(seeds);
        for (int i = 0; i < mutations; i++) {
            uploads.add(mutate(seeds.get(random.nextInt(seeds.size())), random));
        }
        for (int i = 0; i < uploads.size(); i++) {
            checkUpload(admin, school, uploads.get(i), "upload " + i + " of seed " + seed);
        }
    }

    private void checkUpload(String admin, String school, byte[] content, String which) throws Exception {
        int usersBefore = users(admin, school).size();
        var result = upload(admin, content);
        var status = result.getResponse().getStatus();
        var body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).as(which).doesNotContain("Exception").doesNotContain("\tat ");
        if (status != 202) {
            assertThat(status).as(which + ": " + body).isEqualTo(422);
            assertThat((String) json(result).read("$.code")).as(which).isIn(FILE_ERRORS);
            return;
        }
        var report = awaitEnd(admin, json(result).read("$.id"));
        String id = report.read("$.id");
        if (report.read("$.status").equals("FAILED")) {
            assertThat((String) report.read("$.fileError.code")).as(which + ": " + report.jsonString()).isIn(FILE_ERRORS);
            assertThat((Integer) report.read("$.created")).as(which).isZero();
            assertThat(users(admin, school)).as(which).hasSize(usersBefore);
            return;
        }
        assertThat((String) report.read("$.status")).as(which).isEqualTo("COMPLETED");
        var download = get("/api/v1/imports/" + id + "/failed-rows.csv", admin);
        assertThat(download.getResponse().getStatus()).as(which).isEqualTo(200);
        // Written as the upload was: its encoding, byte order mark and delimiter.
        var bytes = download.getResponse().getContentAsByteArray();
        var records = new ArrayList<CsvRecord>();
        if (bytes.length > 0) {
            var format = io.rollcall.importing.parse.FormatSniffer.sniff(() -> new java.io.ByteArrayInputStream(bytes));
            var csv = new String(bytes, format.bomLength(), bytes.length - format.bomLength(), format.charset());
            CsvReader.builder().fieldSeparator(format.delimiter()).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(csv).forEach(records::add);
        }
        if (records.isEmpty()) {
            assertThat((Integer) report.read("$.failed")).as(which).isZero();
            return;
        }
        assertThat(records).as(which).hasSize(1 + (Integer) report.read("$.failed"));
        for (var record : records.subList(1, records.size())) {
            var error = record.getField(record.getFieldCount() - 1);
            assertThat(error).as(which + ": error cell").isNotEmpty().doesNotStartWith("=").doesNotStartWith("+")
                .doesNotStartWith("-").doesNotStartWith("@");
        }
    }

    private static byte[] withSchool(byte[] file, String school) {
        var text = new String(file, StandardCharsets.ISO_8859_1);
        return text.replace("648572", school).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A few random edits: flip, insert a character that matters to CSV, delete, cut or repeat. */
    static byte[] mutate(byte[] seed, Random random) {
        var bytes = new ArrayList<Byte>();
        for (byte b : seed) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, (byte) random.nextInt(256));
                    }
                }
                case 1 -> bytes.add(at, NASTY[random.nextInt(NASTY.length)]);
                case 2 -> {
                    if (!bytes.isEmpty()) {
                        bytes.remove(at);
                    }
                }
                case 3 -> bytes.subList(at, bytes.size()).clear();
                default -> bytes.addAll(at, List.copyOf(bytes.subList(at, Math.min(bytes.size(), at + 1 + random.nextInt(64)))));
            }
        }
        var out = new ByteArrayOutputStream();
        bytes.forEach(out::write);
        return out.toByteArray();
    }
}
