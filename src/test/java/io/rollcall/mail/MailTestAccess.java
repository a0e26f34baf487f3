package io.rollcall.mail;

import java.time.Clock;

import org.springframework.context.ApplicationContext;

/** Lets tests start a second relay instance beside the application's, as another server would. */
public final class MailTestAccess {

    private MailTestAccess() {
    }

    public static OutboxRelay anotherRelay(ApplicationContext context) {
        return new OutboxRelay(context.getBean(OutboxRepository.class), context.getBean(WelcomeComposer.class),
            context.getBean(MailTransport.class), context.getBean(MailProperties.class), context.getBean(Clock.class),
            false);
    }
}
