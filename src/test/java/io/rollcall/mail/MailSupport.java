package io.rollcall.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a port of its own, free when the test JVM starts, so that test
 * runs side by side on one machine never talk to each other's server. Test classes register it
 * with {@link #register}.
 */
final class MailSupport {

    static final int PORT = freePort();
    private static final Pattern LINK = Pattern.compile("https://rollcall\\.example\\.com/set-password\\?token=([A-Za-z0-9_-]+)");

    private MailSupport() {
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> PORT);
    }

    static GreenMail startSmtp() {
        var server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** Waits until the server holds at least {@code count} messages, and returns them all. */
    static List<MimeMessage> awaitMessages(GreenMail server, int count) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var received = server.getReceivedMessages();
            if (received.length >= count) {
                return List.of(received);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + count + " emails, got " + server.getReceivedMessages().length);
    }

    static String recipient(MimeMessage message) throws Exception {
        return message.getAllRecipients()[0].toString().toLowerCase();
    }

    /** The text of each part of the message: plain text first, then HTML. */
    static List<String> parts(MimeMessage message) throws Exception {
        var texts = new ArrayList<String>();
        collect(message.getContent(), texts);
        return texts;
    }

    private static void collect(Object content, List<String> texts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), texts);
            }
        } else if (content instanceof String text) {
            texts.add(text);
        }
    }

    static String linkToken(MimeMessage message) throws Exception {
        var matcher = LINK.matcher(parts(message).get(0));
        if (!matcher.find()) {
            throw new AssertionError("no set-password link in " + parts(message).get(0));
        }
        return matcher.group(1);
    }
}
