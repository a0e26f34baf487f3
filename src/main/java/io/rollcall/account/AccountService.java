package io.rollcall.account;

import java.util.Locale;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.mail.WelcomeEmailQueue;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;
import io.rollcall.school.SchoolRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Operator-side account work: admin grants and the school's user list. */
@Service
public class AccountService {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 100;

    private final AccountRepository accounts;
    private final SchoolRepository schools;
    private final PasswordEncoder passwordEncoder;
    private final PasswordLinks links;
    private final AuditLog audit;
    private final WelcomeEmailQueue welcomeEmails;
    private final TransactionTemplate transactions;
    private final Memberships memberships;

    AccountService(AccountRepository accounts, SchoolRepository schools, PasswordEncoder passwordEncoder,
            TransactionTemplate transactions, PasswordLinks links, WelcomeEmailQueue welcomeEmails, AuditLog audit,
            Memberships memberships) {
        this.memberships = memberships;
        this.audit = audit;
        this.transactions = transactions;
        this.links = links;
        this.welcomeEmails = welcomeEmails;
        this.accounts = accounts;
        this.schools = schools;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Grants admin permission at the school. A new email gets an account with the given password. An
     * existing account that holds no admin or operator permission now is taken over cleanly: its
     * password becomes the given one, and its old password, set-password links, queued welcome
     * emails, tokens and sessions stop working, so that whoever set or knew them (an admin of
     * another school who uploaded the address with a custom password, say) has nothing left. An
     * account that is already an admin or operator keeps its password.
     *
     * @throws RollcallException NOT_FOUND for an unknown school; INVALID_PASSWORD when a password
     *     is needed and breaks the policy
     */
    public Granted grantSchoolAdmin(String schoolId, String email, String firstName, String lastName,
            String password, String actor) {
        var address = adminEmail(email);
        var first = nameOrDefault(firstName, "School");
        var last = nameOrDefault(lastName, "Admin");
        // Schools are never deleted: one found now is there in the transaction too.
        if (schools.find(schoolId).isEmpty()) {
            throw new RollcallException(ErrorCode.NOT_FOUND, "School " + schoolId + " does not exist");
        }
        // Hashed before the transaction, which holds a connection and the account's row lock; whether the
        // grant needs the password is known only inside it.
        var hash = meetsPolicy(password) ? passwordEncoder.encode(password) : null;
        Granted granted;
        try {
            granted = transactions.execute(status -> grant(schoolId, address, first, last, password, hash));
        } catch (DuplicateKeyException e) {
            // An import created the address meanwhile: now it exists, and is taken over.
            granted = transactions.execute(status -> grant(schoolId, address, first, last, password, hash));
        }
        audit.record(AuditEvent.ADMIN_GRANTED, actor, granted.account().email(), "school " + schoolId
            + (granted.credentialsReset() ? "; existing account taken over: password replaced, links, tokens and"
                + " sessions ended" : ""));
        return granted;
    }

    // An admin's address: required, at most 254 characters, with an @ (the grant's own rule, for both faces).
    private static String adminEmail(String email) {
        var address = email == null ? "" : email.strip();
        if (address.isEmpty() || address.length() > MAX_EMAIL || !address.contains("@")) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "Enter the email address of the admin: up to "
                + MAX_EMAIL + " characters, with an @.");
        }
        return address;
    }

    // A name left out is a placeholder the admin can see and the operator change; a long one is refused.
    private static String nameOrDefault(String name, String placeholder) {
        if (name == null || name.isBlank()) {
            return placeholder;
        }
        if (name.strip().length() > MAX_NAME) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "A name is at most " + MAX_NAME + " characters.");
        }
        return name.strip();
    }

    private static boolean meetsPolicy(String password) {
        try {
            PasswordPolicy.check(password);
            return true;
        } catch (RollcallException e) {
            return false;
        }
    }

    // hash: of password, when it meets the policy (requirePassword refuses it otherwise).
    private Granted grant(String schoolId, String email, String firstName, String lastName, String password,
            String hash) {
        // Locked: an import's apply step that writes this account waits, or has finished.
        var existing = accounts.lockByEmail(email);
        if (existing.isEmpty()) {
            requirePassword(password, "A new account needs a password.");
            var account = accounts.insert(email, firstName, lastName, hash, false);
            accounts.grantSchoolAdmin(account.id(), schoolId);
            return new Granted(account, true, false);
        }
        var account = existing.get();
        boolean takeOver = !accounts.holdsAdminPermission(account.id());
        if (takeOver) {
            requirePassword(password, "The account " + account.email() + " exists and holds no admin permission"
                + " yet: give the password it is to have, so that no password, link or session from before stays"
                + " valid.");
            accounts.updatePassword(account.id(), hash, false);
            links.voidUnused(account.id());
            welcomeEmails.cancelPending(account.id());
        }
        accounts.grantSchoolAdmin(account.id(), schoolId);
        return new Granted(account, false, takeOver);
    }

    private static void requirePassword(String password, String why) {
        try {
            PasswordPolicy.check(password);
        } catch (RollcallException e) {
            throw new RollcallException(ErrorCode.INVALID_PASSWORD, why + " " + e.getMessage());
        }
    }

    /** The account granted admin permission; whether it was created, or taken over with a new password. */
    public record Granted(Account account, boolean created, boolean credentialsReset) {
    }

    /** A page of the school's users whose email contains {@code search} (any case), of one status or (null) all. */
    public Page<SchoolUser> users(String schoolId, String search, MembershipStatus status, PageRequest request) {
        var pattern = escapeLike(search == null ? "" : search.trim().toLowerCase(Locale.ROOT));
        return new Page<>(accounts.findUsers(schoolId, pattern, status, request),
            accounts.countUsers(schoolId, pattern, status), request.page(), request.size());
    }

    /**
     * Queues the welcome email again with a fresh link for a student or instructor of the school;
     * the relay voids the older links when it issues the new one. Only the account's home school
     * (or an operator) may: the link sets its password.
     *
     * @throws RollcallException NOT_FOUND when the email is not a member of the school; FORBIDDEN
     *     when the account's home is another school; PROTECTED_ACCOUNT for an admin or operator;
     *     ACCOUNT_DEACTIVATED when the person is deactivated at the school
     */
    @Transactional
    public void resendWelcome(String schoolId, String email, Acting acting) {
        var account = accounts.findByEmail(email)
            .filter(a -> accounts.isMember(a.id(), schoolId))
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND,
                "No student or instructor with email " + email + " at school " + schoolId));
        if (accounts.everAdmin(account.id())) {
            throw new RollcallException(ErrorCode.PROTECTED_ACCOUNT,
                "Account has admin permissions: its password is not reset by a welcome email");
        }
        if (memberships.status(account.id(), schoolId).orElseThrow() == MembershipStatus.DEACTIVATED) {
            throw new RollcallException(ErrorCode.ACCOUNT_DEACTIVATED,
                "Account is deactivated at this school; reactivate it first");
        }
        if (acting != Acting.OPERATOR && !accounts.homeSchool(account.id()).filter(schoolId::equals).isPresent()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "The account " + account.email()
                + " was created by another school, which alone sends its welcome email");
        }
        links.voidUnused(account.id());
        welcomeEmails.queue(account.id(), schoolId);
    }

    /**
     * Withdraws admin permission at the school; the account itself stays.
     *
     * @return whether the account had the permission
     */
    @Transactional
    public boolean revokeSchoolAdmin(String schoolId, String email, String actor) {
        boolean revoked = accounts.findByEmail(email).map(a -> accounts.revokeSchoolAdmin(a.id(), schoolId)).orElse(false);
        if (revoked) {
            audit.record(AuditEvent.ADMIN_REVOKED, actor, email, "school " + schoolId);
        }
        return revoked;
    }

    /** The accounts with admin permission at the school, by email. */
    public java.util.List<Account> schoolAdmins(String schoolId) {
        return accounts.schoolAdmins(schoolId);
    }

    /** The schools the account is a student or instructor of. */
    public java.util.List<SchoolMembership> memberships(long accountId) {
        var memberships = accounts.memberships(accountId);
        var names = new java.util.HashMap<String, String>();
        schools.findAll(memberships.stream().map(Membership::schoolId).toList())
            .forEach(school -> names.put(school.schoolId(), school.name()));
        return memberships.stream()
            .map(m -> new SchoolMembership(m.schoolId(), names.getOrDefault(m.schoolId(), m.schoolId()), m.role(),
                m.issuedId()))
            .sorted(java.util.Comparator.comparing(SchoolMembership::schoolName).thenComparing(SchoolMembership::schoolId))
            .toList();
    }

    /** A membership with its school's name, as the person's home page lists it. */
    public record SchoolMembership(String schoolId, String schoolName, Role role, String issuedId) {
    }

    /** The school's student or instructor with exactly that email (any case), as the user list shows them. */
    public java.util.Optional<SchoolUser> user(String schoolId, String email) {
        return accounts.findByEmail(email == null ? "" : email).flatMap(account -> accounts.findUser(schoolId, account.id()));
    }

    /** The school's student or instructor with exactly that issuedID. */
    public java.util.Optional<SchoolUser> userByIssuedId(String schoolId, String issuedId) {
        return accounts.findUserByIssuedId(schoolId, issuedId == null ? "" : issuedId);
    }

    /** A page of the school's users whose name, email or issuedID contains {@code search} (any case). */
    public Page<SchoolUser> searchUsers(String schoolId, String search, MembershipStatus status, PageRequest request) {
        var pattern = escapeLike(search == null ? "" : search.trim().toLowerCase(Locale.ROOT));
        return new Page<>(accounts.findMatchingUsers(schoolId, pattern, status, request),
            accounts.countMatchingUsers(schoolId, pattern, status), request.page(), request.size());
    }

    /**
     * Changes the password of a signed-in account and clears its must-change flag: the person
     * proves the current password, and the new one must differ from it (a temporary password
     * handed out by an import may not be kept). Both hashes run before the one statement that
     * writes, outside any transaction; a change made meanwhile wins.
     *
     * @throws RollcallException INVALID_PASSWORD when the current password is wrong, the new one
     *     equals it, the new one breaks the policy, or the password changed meanwhile
     */
    public void changePassword(long accountId, String currentPassword, String newPassword) {
        var account = accounts.credentials(accountId)
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND, "The account does not exist"));
        var current = currentPassword == null ? "" : currentPassword;
        if (account.passwordHash() == null || !passwordEncoder.matches(current, account.passwordHash())) {
            throw new RollcallException(ErrorCode.INVALID_PASSWORD, "Your current password is not correct.");
        }
        if (current.equals(newPassword)) {
            throw sameAsTemporary();
        }
        PasswordPolicy.check(newPassword);
        write(accountId, account.credentialsVersion(), newPassword);
    }

    /**
     * Replaces a temporary password right after the person signed in with it, which is their proof:
     * the temporary password is not asked, nor checked, again. One hash (the new password's), or two
     * when {@code sameAsTemporary} is UNKNOWN. {@code credentialsVersion} is the sign-in's: a password
     * changed since then is not replaced.
     *
     * @throws RollcallException INVALID_PASSWORD when the new password is the temporary one, breaks
     *     the policy, or the password is no longer the temporary one of that sign-in
     */
    public void replaceTemporaryPassword(long accountId, int credentialsVersion, String newPassword,
            SameAsTemporary sameAsTemporary) {
        var account = accounts.credentials(accountId)
            .filter(a -> a.mustChangePassword() && a.credentialsVersion() == credentialsVersion)
            .orElseThrow(AccountService::changedMeanwhile);
        if (sameAsTemporary == SameAsTemporary.SAME || sameAsTemporary == SameAsTemporary.UNKNOWN
                && passwordEncoder.matches(newPassword == null ? "" : newPassword, account.passwordHash())) {
            throw sameAsTemporary();
        }
        PasswordPolicy.check(newPassword);
        write(accountId, credentialsVersion, newPassword);
    }

    private void write(long accountId, int credentialsVersion, String newPassword) {
        if (!accounts.updateChosenPassword(accountId, credentialsVersion, passwordEncoder.encode(newPassword))) {
            throw changedMeanwhile();
        }
    }

    private static RollcallException sameAsTemporary() {
        return new RollcallException(ErrorCode.INVALID_PASSWORD,
            "Choose a new password: it may not be the same as your temporary password.");
    }

    private static RollcallException changedMeanwhile() {
        return new RollcallException(ErrorCode.INVALID_PASSWORD,
            "Your password was changed meanwhile, somewhere else. Sign in again with the new one.");
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
