package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\")", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"})
    void prefixesACellThatASpreadsheetWouldReadAsAFormula(String cell) {
        assertThat(FormulaGuard.neutralize(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "firstName is required", "Duplicate email with row 9", "a=b", " =1", "'=1"})
    void leavesOtherCellsExact(String cell) {
        assertThat(FormulaGuard.neutralize(cell)).isEqualTo(cell);
    }
}
