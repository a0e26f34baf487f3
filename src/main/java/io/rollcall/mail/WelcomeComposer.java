package io.rollcall.mail;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.context.Context;

/**
 * Writes one welcome email: who it is for, their school, where to sign in, and a fresh
 * single-use set-password link (older unused links of the account stop working), in the language of
 * the school (its {@code locale}). Never a password.
 */
@Component
class WelcomeComposer {

    private final WelcomeDetails details;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final MessageSource messages;
    private final String publicUrl;

    WelcomeComposer(WelcomeDetails details, MailTemplates templates, MailProperties properties, MessageSource messages,
            PublicUrlProperties publicUrl) {
        this.messages = messages;
        this.details = details;
        this.templates = templates;
        this.properties = properties;
        this.publicUrl = publicUrl.publicUrl();
    }

    /** The email for the outbox row, or empty when its account is gone. */
    @Transactional
    Optional<MailContent> compose(long accountId, String schoolId) {
        var recipient = details.recipient(accountId, schoolId);
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        var token = details.newLink(accountId, properties.linkLifetime());
        var locale = Locale.forLanguageTag(recipient.get().locale());
        var context = new Context(locale);
        context.setVariable("firstName", recipient.get().firstName());
        context.setVariable("lastName", recipient.get().lastName());
        context.setVariable("email", recipient.get().email());
        context.setVariable("schoolName", recipient.get().schoolName());
        context.setVariable("signInUrl", publicUrl + "/login");
        context.setVariable("setPasswordUrl", UriComponentsBuilder.fromUriString(publicUrl + "/set-password")
            .queryParam("token", token).build().toUriString());
        context.setVariable("linkDays", Math.max(1, properties.linkLifetime().toDays()));
        var subject = messages.getMessage("mail.welcome.subject", new Object[] {recipient.get().schoolName()}, locale);
        return Optional.of(new MailContent(recipient.get().email(), subject,
            templates.text("welcome", context), templates.html("welcome", context)));
    }
}
