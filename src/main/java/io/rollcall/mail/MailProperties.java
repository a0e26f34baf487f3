package io.rollcall.mail;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the welcome-email relay ({@code rollcall.mail.*}).
 *
 * @param from the sender address
 * @param directory where emails are written as .eml files when no SMTP host is configured
 * @param ratePerMinute the most emails the whole cluster sends in a minute, to spare the mail server
 * @param maxAttempts attempts before an email is given up as FAILED
 * @param retryBase the wait after the first temporary failure; it doubles with each attempt
 * @param retryMax the longest wait between attempts
 * @param linkLifetime how long a set-password link works
 * @param batchSize emails claimed at once by one instance
 * @param stuckAfter an email claimed this long ago and not sent is claimable again (its instance died);
 *        if its SMTP conversation had begun it ends FAILED instead, never sent twice
 * @param relayEnabled false: this instance sends no email (the outbox waits for one that does)
 * @param relayInterval how often the relay, on a thread of its own, looks for due emails
 */
@ConfigurationProperties("rollcall.mail")
public record MailProperties(
        @DefaultValue("Rollcall <no-reply@rollcall.local>") String from,
        @DefaultValue("./data/mail") Path directory,
        @DefaultValue("600") int ratePerMinute,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration retryBase,
        @DefaultValue("1h") Duration retryMax,
        @DefaultValue("7d") Duration linkLifetime,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10m") Duration stuckAfter,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("2s") Duration relayInterval) {
}
