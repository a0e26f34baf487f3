package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpTransportTest {

    @Test
    void findsTheReplyCodeOfARefusedAddressInsideSpringsException() throws Exception {
        var refused = new SMTPAddressFailedException(new InternetAddress("gone@example.com"), "RCPT TO", 550,
            "550 5.1.1 No such user");
        var wrapped = new MailSendException("Failed messages", new MessagingException("Invalid Addresses", refused));
        assertThat(SmtpTransport.smtpCode(wrapped)).isEqualTo(550);
    }

    @Test
    void aConnectionFailureHasNoReplyCodeAndIsTemporary() {
        var refused = new MailSendException("Mail server connection failed",
            new MessagingException("Couldn't connect to host", new java.net.ConnectException("Connection refused")));
        assertThat(SmtpTransport.smtpCode(refused)).isZero();
    }

    @Test
    void aMailboxBusyReplyIsTemporary() throws Exception {
        var busy = new SMTPAddressFailedException(new InternetAddress("busy@example.com"), "RCPT TO", 450,
            "450 4.2.1 Mailbox busy");
        assertThat(SmtpTransport.smtpCode(new MessagingException("Invalid Addresses", busy))).isEqualTo(450);
    }
}
