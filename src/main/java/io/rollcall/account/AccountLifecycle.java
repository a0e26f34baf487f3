package io.rollcall.account;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.mail.WelcomeEmailQueue;
import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalDataRegistry;
import io.rollcall.school.SchoolRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's membership of a school through the school year: deactivated (kept, but no sign-in
 * through it), reactivated, removed, and the person erased with their last membership. A person
 * with no active membership left cannot sign in anywhere: their sessions and tokens end at once,
 * and queued welcome emails and unused set-password links are withdrawn.
 */
@Service
public class AccountLifecycle {

    private final AccountRepository accounts;
    private final SchoolRepository schools;
    private final Memberships memberships;
    private final PasswordLinks links;
    private final WelcomeEmailQueue welcomeEmails;
    private final AuditLog audit;
    private final PersonalDataRegistry personalData;

    AccountLifecycle(AccountRepository accounts, SchoolRepository schools, Memberships memberships,
            PasswordLinks links, WelcomeEmailQueue welcomeEmails, AuditLog audit, PersonalDataRegistry personalData) {
        this.personalData = personalData;
        this.accounts = accounts;
        this.schools = schools;
        this.memberships = memberships;
        this.links = links;
        this.welcomeEmails = welcomeEmails;
        this.audit = audit;
    }

    /**
     * Deactivates the person at the school; deactivating twice changes nothing.
     *
     * @return the person as the school's user list shows them
     * @throws RollcallException NOT_FOUND when the email is not a member of the school;
     *     PROTECTED_ACCOUNT for an account that is or was an admin or operator
     */
    @Transactional
    public SchoolUser deactivate(String schoolId, String email, String actor) {
        var account = member(schoolId, email);
        if (memberships.status(account.id(), schoolId).orElseThrow() == MembershipStatus.ACTIVE) {
            memberships.setStatus(account.id(), schoolId, MembershipStatus.DEACTIVATED);
            lostAMembership(account.id());
            audit.recordWithChange(AuditEvent.USER_DEACTIVATED, actor, account.email(), "school " + schoolId);
        }
        return accounts.findUser(schoolId, account.id()).orElseThrow();
    }

    /**
     * Reactivates the person at the school; reactivating an active member changes nothing.
     *
     * @throws RollcallException NOT_FOUND, PROTECTED_ACCOUNT as {@link #deactivate}
     */
    @Transactional
    public SchoolUser reactivate(String schoolId, String email, String actor) {
        var account = member(schoolId, email);
        if (memberships.status(account.id(), schoolId).orElseThrow() == MembershipStatus.DEACTIVATED) {
            memberships.setStatus(account.id(), schoolId, MembershipStatus.ACTIVE);
            audit.recordWithChange(AuditEvent.USER_REACTIVATED, actor, account.email(), "school " + schoolId);
        }
        return accounts.findUser(schoolId, account.id()).orElseThrow();
    }

    /**
     * Removes the person's membership at the school. When it was their last, the person is erased
     * (see {@link #erase}); otherwise the oldest remaining membership's school becomes home if the
     * home school was this one.
     *
     * @return whether the person was erased
     * @throws RollcallException NOT_FOUND, PROTECTED_ACCOUNT as {@link #deactivate}
     */
    @Transactional
    public boolean remove(String schoolId, String email, String actor) {
        var account = member(schoolId, email);
        memberships.delete(account.id(), schoolId);
        if (!memberships.any(account.id())) {
            var person = new Person(account.id(), account.email());
            personalData.erase(person);
            audit.recordWithChange(AuditEvent.USER_ERASED, actor, person.pseudonym(),
                "last membership removed at school " + schoolId);
            return true;
        }
        memberships.rehome(account.id(), schoolId);
        lostAMembership(account.id());
        audit.recordWithChange(AuditEvent.USER_REMOVED, actor, account.email(), "school " + schoolId);
        return false;
    }

    /**
     * Erases the person everywhere (operators): names, email, password, memberships, links, queued
     * emails, tokens, failed sign-ins, the kept upload files that name them and the errors that quote
     * them; the audit log keeps its entries with a one-way hash in place of the email.
     *
     * @throws RollcallException NOT_FOUND for an unknown email; PROTECTED_ACCOUNT for an admin or operator
     */
    @Transactional
    public void erase(String email, String actor) {
        // The schools first, then the account: the order an import and a deactivation take them in.
        accounts.findByEmail(email == null ? "" : email)
            .ifPresent(found -> memberships.schoolsOf(found.id()).forEach(schools::lock));
        var account = accounts.lockByEmail(email == null ? "" : email)
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND, "No account with email " + email));
        if (accounts.everAdmin(account.id())) {
            throw new RollcallException(ErrorCode.PROTECTED_ACCOUNT,
                "Account has admin permissions and cannot be erased here; revoke them and ask for a manual review");
        }
        var person = new Person(account.id(), account.email());
        personalData.erase(person);
        audit.recordWithChange(AuditEvent.USER_ERASED, actor, person.pseudonym(), "erased by an operator");
    }

    // A membership gone inactive ends the person's sessions and tokens, also where another membership is
    // still active (two changes at once at two schools cannot both miss that none is left); with none
    // left, their links and queued welcome emails go too.
    private void lostAMembership(long accountId) {
        memberships.endSignIns(accountId);
        if (!memberships.anyActive(accountId)) {
            links.voidUnused(accountId);
            welcomeEmails.cancelPending(accountId);
        }
    }

    // The school's row, then the account's, locked in the order an import's apply step takes them: an
    // import never reactivates a person deactivated while it ran.
    private Account member(String schoolId, String email) {
        schools.lock(schoolId);
        var account = accounts.lockByEmail(email == null ? "" : email)
            .filter(a -> memberships.status(a.id(), schoolId).isPresent())
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND,
                "No student or instructor with email " + email + " at school " + schoolId));
        if (accounts.everAdmin(account.id())) {
            throw new RollcallException(ErrorCode.PROTECTED_ACCOUNT,
                "Account has admin permissions and cannot be deactivated or reactivated; its permissions are"
                    + " managed by your account manager");
        }
        return account;
    }
}
