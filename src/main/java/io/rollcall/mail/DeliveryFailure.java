package io.rollcall.mail;

/**
 * An email could not be handed over. {@code permanent} when the server refused it for good (an SMTP
 * 5xx reply: retrying cannot help); otherwise it is retried later.
 */
public class DeliveryFailure extends Exception {

    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
