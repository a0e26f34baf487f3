package io.rollcall.importing.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.apache.commons.validator.routines.EmailValidator;
import org.junit.jupiter.api.Test;

class EmailCheckTest {

    private static final EmailValidator LIBRARY = EmailValidator.getInstance(false, false);
    private final EmailCheck check = new EmailCheck();

    @Test
    void takesTheUsualLocalPartWithoutThePattern() {
        assertThat(EmailCheck.isPlainDotAtom("ada.lovelace+2026")).isTrue();
        assertThat(EmailCheck.isPlainDotAtom("o'brien_j-1")).isTrue();
        assertThat(EmailCheck.isPlainDotAtom(".ada")).isFalse();
        assertThat(EmailCheck.isPlainDotAtom("ada.")).isFalse();
        assertThat(EmailCheck.isPlainDotAtom("ada..lovelace")).isFalse();
        assertThat(EmailCheck.isPlainDotAtom("a".repeat(65))).isFalse();
        assertThat(EmailCheck.isPlainDotAtom("jos\u00e9")).isFalse();
    }

    @Test
    void givesTheLibrarysVerdictOnAddressesOfEveryKind() {
        var addresses = List.of("ada@example.com", "ada.lovelace@example.com", "o'brien@example.com",
            "a+b@example.com", ".ada@example.com", "ada.@example.com", "ada..b@example.com", "a b@example.com",
            "\"a b\"@example.com", "a\\@b@example.com", "jos\u00e9@example.com", "ada@", "@example.com", "ada",
            "ada@example.invalidtld", "ada@example.com.", "a".repeat(64) + "@example.com",
            "a".repeat(65) + "@example.com", "a(b)@example.com", "a,b@example.com", "a;b@example.com",
            "a\"b@example.com", "a[b]@example.com", "a#b!c$d%e&f*g/h=i?j^k`l{m|n}o~p@example.com");
        for (var address : addresses) {
            assertThat(check.isValid(address)).as(address).isEqualTo(LIBRARY.isValid(address));
        }
    }

    @Test
    void givesTheLibrarysVerdictOnRandomLocalParts() {
        var random = new Random(17);
        var alphabet = "abcXYZ019._-+'\" ()<>,;:\\[]@#\u00e9\u0001";
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            var user = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                user.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var address = user + "@example.com";
            boolean expected = LIBRARY.isValid(address);
            valid += expected ? 1 : 0;
            assertThat(check.isValid(address)).as(address).isEqualTo(expected);
        }
        assertThat(valid).as("both verdicts occur").isBetween(100, 19_900);
    }
}
