package io.rollcall.mail;

import org.springframework.context.ApplicationContext;

/** Lets tests start a second relay instance beside the application's, as another server would. */
public final class MailTestAccess {

    private MailTestAccess() {
    }

    public static OutboxRelay anotherRelay(ApplicationContext context) {
        return anotherRelay(context, context.getBean(MailProperties.class).ratePerMinute());
    }

    /** A second relay that sends at most {@code ratePerMinute} emails a minute. */
    public static OutboxRelay anotherRelay(ApplicationContext context, int ratePerMinute) {
        var p = context.getBean(MailProperties.class);
        var properties = new MailProperties(p.from(), p.directory(), ratePerMinute, p.maxAttempts(), p.retryBase(),
            p.retryMax(), p.linkLifetime(), p.batchSize(), p.stuckAfter(), false, p.relayInterval());
        return new OutboxRelay(context.getBean(OutboxRepository.class), context.getBean(WelcomeComposer.class),
            context.getBean(MailTransport.class), properties, context,
            context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
            context.getBean(MailMetrics.class));
    }
}
