package io.rollcall.mail;

/** Hands one email over for delivery: to an SMTP server, or to a file when there is none. */
public interface MailTransport {

    void send(MailContent mail) throws DeliveryFailure;
}
