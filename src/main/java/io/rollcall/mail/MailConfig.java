package io.rollcall.mail;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
class MailConfig {

    private static final Logger log = LoggerFactory.getLogger(MailConfig.class);

    // A mail server that stops answering holds the relay's thread no longer than these; each can be
    // set with spring.mail.properties.mail.smtp.* (milliseconds).
    static final Map<String, String> SMTP_TIMEOUTS = Map.of(
        "mail.smtp.connectiontimeout", "5000", "mail.smtp.timeout", "15000", "mail.smtp.writetimeout", "15000");

    // Spring Boot creates a JavaMailSender only when spring.mail.host is set.
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock,
            PublicUrlProperties publicUrl) {
        if (publicUrl.isLocal()) {
            log.warn("rollcall.public-url is {}: the links in welcome emails lead to this machine only. For a school,"
                + " set ROLLCALL_PUBLIC_URL to the address people open Rollcall at; see docs/configuration.md",
                publicUrl.publicUrl());
        }
        var smtp = sender.getIfAvailable();
        if (smtp instanceof JavaMailSenderImpl impl) {
            SMTP_TIMEOUTS.forEach(impl.getJavaMailProperties()::putIfAbsent);
        }
        if (smtp == null) {
            log.warn("No SMTP host is set: welcome emails are only written as .eml files to {}, and nobody receives"
                + " them. For a school, set SPRING_MAIL_HOST (and _PORT, _USERNAME, _PASSWORD); see"
                + " docs/configuration.md", properties.directory().toAbsolutePath().normalize());
            return new EmlFileTransport(properties.directory(), properties.from(), clock);
        }
        return new SmtpTransport(smtp, properties.from());
    }
}
