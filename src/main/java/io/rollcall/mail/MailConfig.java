package io.rollcall.mail;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfig {

    // Spring Boot creates a JavaMailSender only when spring.mail.host is set.
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock) {
        var smtp = sender.getIfAvailable();
        return smtp != null ? new SmtpTransport(smtp, properties.from())
            : new EmlFileTransport(properties.directory(), properties.from(), clock);
    }
}
