package io.rollcall.mail;

import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
class MailConfig {

    // A mail server that stops answering holds the relay's thread no longer than these; each can be
    // set with spring.mail.properties.mail.smtp.* (milliseconds).
    static final Map<String, String> SMTP_TIMEOUTS = Map.of(
        "mail.smtp.connectiontimeout", "5000", "mail.smtp.timeout", "15000", "mail.smtp.writetimeout", "15000");

    // Spring Boot creates a JavaMailSender only when spring.mail.host is set.
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock) {
        var smtp = sender.getIfAvailable();
        if (smtp instanceof JavaMailSenderImpl impl) {
            SMTP_TIMEOUTS.forEach(impl.getJavaMailProperties()::putIfAbsent);
        }
        return smtp != null ? new SmtpTransport(smtp, properties.from())
            : new EmlFileTransport(properties.directory(), properties.from(), clock);
    }
}
