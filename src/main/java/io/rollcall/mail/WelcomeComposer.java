package io.rollcall.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.context.Context;

/**
 * Writes one welcome email: who it is for, their school, where to sign in, and a fresh
 * single-use set-password link (older unused links of the account stop working). Never a password.
 */
@Component
class WelcomeComposer {

    private final JdbcClient jdbc;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final Clock clock;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    WelcomeComposer(JdbcClient jdbc, MailTemplates templates, MailProperties properties, Clock clock,
            @Value("${rollcall.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    record Recipient(String email, String firstName, String lastName, String schoolName) {
    }

    /** The email for the outbox row, or empty when its account is gone. */
    @Transactional
    Optional<MailContent> compose(long accountId, String schoolId) {
        var recipient = jdbc.sql("""
                select a.email, a.first_name, a.last_name, coalesce(s.name, :school) as school_name
                from account a left join school s on s.school_id = :school where a.id = :id""")
            .param("id", accountId).param("school", schoolId).query(Recipient.class).optional();
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        var token = issueLink(accountId);
        var context = new Context();
        context.setVariable("firstName", recipient.get().firstName());
        context.setVariable("lastName", recipient.get().lastName());
        context.setVariable("email", recipient.get().email());
        context.setVariable("schoolName", recipient.get().schoolName());
        context.setVariable("signInUrl", publicUrl + "/login");
        context.setVariable("setPasswordUrl", UriComponentsBuilder.fromUriString(publicUrl + "/set-password")
            .queryParam("token", token).build().toUriString());
        context.setVariable("linkDays", Math.max(1, properties.linkLifetime().toDays()));
        var subject = "Your Rollcall account at " + recipient.get().schoolName();
        return Optional.of(new MailContent(recipient.get().email(), subject,
            templates.text("welcome", context), templates.html("welcome", context)));
    }

    private String issueLink(long accountId) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = OffsetDateTime.now(clock);
        jdbc.sql("delete from password_link where account_id = :id and used_at is null").param("id", accountId).update();
        jdbc.sql("""
                insert into password_link (token_hash, account_id, created_at, expires_at)
                values (:hash, :id, :now, :expires)""")
            .param("hash", sha256(token)).param("id", accountId).param("now", now)
            .param("expires", now.plus(properties.linkLifetime()))
            .update();
        return token;
    }

    // The same digest as account.PasswordLinks uses to find the link again.
    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
