package io.rollcall.mail;

/** One email ready to send, with a plain-text and an HTML part. */
public record MailContent(String to, String subject, String text, String html) {
}
