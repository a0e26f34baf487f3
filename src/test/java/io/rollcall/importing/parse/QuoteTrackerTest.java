package io.rollcall.importing.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class QuoteTrackerTest {

    @Test
    void passesCharactersThroughUnchanged() throws IOException {
        var text = "a,\"b\r\nc\",d\r\n";
        var tracker = new QuoteTracker(new StringReader(text), ',');
        var buffer = new char[64];

        int n = tracker.read(buffer, 0, buffer.length);

        assertThat(new String(buffer, 0, n)).isEqualTo(text);
    }

    @Test
    void reportsNoRowWhenEveryQuoteIsClosed() throws IOException {
        assertThat(unclosedRow("a,\"b\",\"c\"\"d\"\n\"e\nf\",\"\"\n", ',')).isZero();
    }

    @Test
    void reportsNoRowForFileWithoutQuotes() throws IOException {
        assertThat(unclosedRow("a,b\nc,d", ',')).isZero();
    }

    @Test
    void namesRowOfUnclosedQuoteOnFirstRow() throws IOException {
        assertThat(unclosedRow("\"firstName,lastName\n", ',')).isEqualTo(1);
    }

    @Test
    void namesRowWhereUnclosedQuoteStartsNotWhereFileEnds() throws IOException {
        assertThat(unclosedRow("h\na\n\"b,c\nd\ne\n", ',')).isEqualTo(3);
    }

    @Test
    void countsLfCrAndCrlfEachAsOneRowEnd() throws IOException {
        assertThat(unclosedRow("h\na\rb\r\nc\n\"d", ',')).isEqualTo(5);
        assertThat(unclosedRow("h\r\n\r\n\"d", ',')).isEqualTo(3);
        assertThat(unclosedRow("h\r\r\"d", ',')).isEqualTo(3);
        assertThat(unclosedRow("h\n\n\"d", ',')).isEqualTo(3);
    }

    @Test
    void countsQuotedLineBreakAsPartOfOneRow() throws IOException {
        assertThat(unclosedRow("h\n\"a\nb\r\nc\rd\",x\n\"y", ',')).isEqualTo(3);
    }

    @Test
    void treatsDoubledQuoteInsideQuotedFieldAsText() throws IOException {
        assertThat(unclosedRow("\"a\"\"b\n", ',')).isEqualTo(1);
        assertThat(unclosedRow("\"\"\"\n", ',')).isEqualTo(1);
        assertThat(unclosedRow("\"a\"\"b\"\n", ',')).isZero();
    }

    @Test
    void treatsQuoteInsideUnquotedFieldAsText() throws IOException {
        assertThat(unclosedRow("Ada \"the countess\" Lovelace,x\nO\"Brien\n", ',')).isZero();
    }

    @Test
    void startsFieldOnlyAfterTheFileDelimiter() throws IOException {
        assertThat(unclosedRow("a;\"b\n", ';')).isEqualTo(1);
        assertThat(unclosedRow("a;\"b\n", ',')).isZero();
        assertThat(unclosedRow("a\t\"b\n", '\t')).isEqualTo(1);
    }

    @Test
    void tracksOneCharacterReads() throws IOException {
        var tracker = new QuoteTracker(new StringReader("h\r\na\r\n\"b"), ',');
        while (tracker.read() >= 0) {
            // read it all
        }

        assertThat(tracker.unclosedQuoteRow()).isEqualTo(3);
    }

    @Test
    void tracksCrlfSplitAcrossReads() throws IOException {
        var tracker = new QuoteTracker(new StringReader("h\r\n\"b"), ',');
        var buffer = new char[2];
        while (tracker.read(buffer, 0, 2) >= 0) {
            // "h\r" then "\n\"" then "b"
        }

        assertThat(tracker.unclosedQuoteRow()).isEqualTo(2);
    }

    private static long unclosedRow(String text, char delimiter) throws IOException {
        var tracker = new QuoteTracker(new StringReader(text), delimiter);
        var buffer = new char[3];
        while (tracker.read(buffer, 0, buffer.length) >= 0) {
            // read it all, a few characters at a time
        }
        return tracker.unclosedQuoteRow();
    }
}
