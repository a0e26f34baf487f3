package io.rollcall.mail;

/**
 * The mail server refused a welcome email for good (a 5xx answer): published so that the import it
 * came from can show it against its row.
 */
public record WelcomeEmailRejected(String importId, int row, String schoolId, String message) {
}
