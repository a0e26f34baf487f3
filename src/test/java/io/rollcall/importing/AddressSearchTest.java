package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSearchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ann@example.com|true",
        "Ann,Lee,ann@example.com,0,1,S|true",
        "\"ann@example.com\";x|true",
        "mail to ann@example.com.|true",
        "joann@example.com|false",
        "jo.ann@example.com|false",
        "ann@example.com.au|false",
        "ann@example.community|false",
        "x,joann@example.com,y,ann@example.com|true"})
    void findsTheAddressOnlyAsAWhole(String text, boolean found) {
        assertThat(AddressSearch.contains(text, "ann@example.com")).isEqualTo(found);
    }
}
