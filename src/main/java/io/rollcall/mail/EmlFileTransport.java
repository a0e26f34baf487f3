package io.rollcall.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.rollcall.logging.Redact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without an SMTP host, emails are written as .eml files (openable by any mail program) and logged
 * in one line each, so that a newcomer can see what would have been sent.
 */
class EmlFileTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(EmlFileTransport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path directory;
    private final String from;
    private final Clock clock;

    EmlFileTransport(Path directory, String from, Clock clock) {
        this.directory = directory;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void send(MailContent mail) throws DeliveryFailure {
        try {
            Files.createDirectories(directory);
            var message = new MimeMessage(Session.getInstance(new Properties()));
            MimeMessages.fill(message, mail, from);
            var name = STAMP.format(clock.instant().atZone(clock.getZone())) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".eml";
            var file = directory.resolve(name);
            // Written aside, then moved in whole: nobody opens half an email.
            var partial = directory.resolve(name + ".part");
            try (var out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Email to {} written to {} (no SMTP host configured)", Redact.email(mail.to()), file);
        } catch (IOException | MessagingException e) {
            throw new DeliveryFailure("Could not write the email to " + directory + ": " + e.getMessage(), false, e);
        }
    }
}
