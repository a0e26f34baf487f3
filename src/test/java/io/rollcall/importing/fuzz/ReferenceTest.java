package io.rollcall.importing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcall.error.ErrorCode;

/** The fuzz test's oracle must itself see the file errors, or the fuzz test could not fail. */
class ReferenceTest {

    private static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";

    @Test
    void seesAnUnclosedQuoteAsMalformed() {
        assertThat(Reference.fileErrorOf(utf8(HEADER + "\n\"Ada,Lovelace,a@example.com,0,1,S1\n")))
            .isEqualTo(ErrorCode.MALFORMED_CSV);
    }

    @Test
    void seesTooManyColumnsAndTooManyRows() {
        assertThat(Reference.fileErrorOf(utf8(HEADER + ",x".repeat(995) + "\n"))).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
        assertThat(Reference.fileErrorOf(utf8(HEADER + "\n" + "a,b,c,0,1,S1\n".repeat(RosterPipeline.MAX_ROWS + 1))))
            .isEqualTo(ErrorCode.TOO_MANY_ROWS);
    }

    @Test
    void seesBlankFilesAndBinaryMagic() {
        assertThat(Reference.fileErrorOf(utf8("\n ,;\r\n"))).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(Reference.fileErrorOf(utf8("%PDF-1.7\n"))).isEqualTo(ErrorCode.NOT_CSV);
    }

    @Test
    void numbersRecordsAsSpreadsheetRows() {
        var records = Reference.records("h\r\n\"a\nb\",c\r\rd\n", ',');

        assertThat(records).extracting(Reference.Record::row).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(1).fields()).isEqualTo(List.of("a\nb", "c"));
        assertThat(records.get(2).blank()).isTrue();
    }

    @Test
    void acceptsAValidFile() {
        assertThat(Reference.fileErrorOf(utf8(HEADER + "\nAda,Lovelace,a@example.com,0,1,S1\n"))).isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
