package io.rollcall.mail;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the configured SMTP relay ({@code spring.mail.*}). */
class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;
    private final String from;

    SmtpTransport(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(MailContent mail) throws DeliveryFailure {
        try {
            var message = sender.createMimeMessage();
            MimeMessages.fill(message, mail, from);
            sender.send(message);
        } catch (MessagingException | MailException e) {
            int code = smtpCode(e);
            throw new DeliveryFailure(describe(e, code), code >= 500, e);
        }
    }

    // The SMTP reply code buried in the exception chain, or 0 when the server never answered.
    static int smtpCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof org.springframework.mail.MailSendException e) {
                for (var nested : e.getFailedMessages().values()) {
                    int code = smtpCode(nested);
                    if (code > 0) {
                        return code;
                    }
                }
            }
        }
        return 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Exception e, int code) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return code > 0 ? "SMTP " + code + ": " + message : message;
    }
}
