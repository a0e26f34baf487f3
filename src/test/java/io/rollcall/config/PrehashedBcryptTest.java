package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PrehashedBcryptTest {

    private final PrehashedBcrypt encoder = new PrehashedBcrypt();

    @Test
    void everyByteOfALongPasswordCounts() {
        // 128 characters of 4 bytes: 512 bytes, the first 72 of which bcrypt alone would read.
        var password = "\uD83D\uDE00".repeat(128);
        var hash = encoder.encode(password);

        assertThat(encoder.matches(password, hash)).isTrue();
        assertThat(encoder.matches("\uD83D\uDE00".repeat(127) + "\uD83D\uDE01", hash)).isFalse();
        assertThat(encoder.matches("\uD83D\uDE00".repeat(18), hash)).isFalse();
    }

    @Test
    void nothingIsTrimmedOrNormalized() {
        var hash = encoder.encode(" caf\u00e9 pass ");

        assertThat(encoder.matches(" caf\u00e9 pass ", hash)).isTrue();
        assertThat(encoder.matches("caf\u00e9 pass", hash)).isFalse();
        assertThat(encoder.matches(" cafe\u0301 pass ", hash)).isFalse();
    }

    @Test
    void olderBcryptHashesStillMatchAndALongPasswordNeverThrows() {
        var legacy = new PrehashedBcrypt.Legacy();
        var hash = new BCryptPasswordEncoder().encode("old-style-pass-1");

        assertThat(legacy.matches("old-style-pass-1", hash)).isTrue();
        assertThat(legacy.matches("x".repeat(100), hash)).isFalse();
    }
}
