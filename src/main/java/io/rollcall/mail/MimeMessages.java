package io.rollcall.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the multipart/alternative message of an email. */
final class MimeMessages {

    private MimeMessages() {
    }

    static void fill(MimeMessage message, MailContent mail, String from) throws MessagingException {
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
    }
}
