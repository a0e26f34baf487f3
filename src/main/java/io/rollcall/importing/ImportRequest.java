package io.rollcall.importing;

/**
 * The admin's choices for one upload. {@code customPassword} applies when non-empty; it is hashed
 * once and never stored in clear.
 */
public record ImportRequest(String fileName, boolean sendWelcomeEmails, String customPassword, boolean dryRun) {

    public boolean hasCustomPassword() {
        return customPassword != null && !customPassword.isEmpty();
    }
}
