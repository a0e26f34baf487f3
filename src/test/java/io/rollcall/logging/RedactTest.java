package io.rollcall.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void masksTheLocalPartButItsFirstCharacter() {
        assertThat(Redact.email("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Redact.email("j@example.com")).isEqualTo("j***@example.com");
        assertThat(Redact.email("Zoë.O'Brien+roll@schule.example.de")).isEqualTo("Z***@schule.example.de");
    }

    @Test
    void masksEveryAddressInAServersReply() {
        assertThat(Redact.text("550 5.1.1 <gone.away@example.com>: Recipient address rejected; from no-reply@rollcall.local"))
            .isEqualTo("550 5.1.1 <g***@example.com>: Recipient address rejected; from n***@rollcall.local");
        assertThat(Redact.text("Connection refused")).isEqualTo("Connection refused");
        assertThat(Redact.text(null)).isNull();
    }
}
