package io.rollcall.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void tokensAre256RandomBitsInUrlSafeBase64() {
        var tokens = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var token = Secrets.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void aTokenIsKeptAsItsHexSha256() {
        // echo -n abc | sha256sum
        assertThat(Secrets.digest("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
