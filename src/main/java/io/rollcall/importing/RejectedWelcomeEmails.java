package io.rollcall.importing;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.stage.Stager;
import io.rollcall.mail.WelcomeEmailRejected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Shows a welcome email the mail server refused for good as a warning on the import row it came from. */
@Component
class RejectedWelcomeEmails {

    private final Stager stager;

    RejectedWelcomeEmails(Stager stager) {
        this.stager = stager;
    }

    @ApplicationModuleListener
    void on(WelcomeEmailRejected rejected) {
        stager.warn(rejected.importId(), rejected.row(), rejected.schoolId(), ErrorCode.EMAIL_REJECTED.name(),
            rejected.message());
    }
}
