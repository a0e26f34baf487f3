package io.rollcall.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalDataRegistry;

import org.springframework.stereotype.Service;

/**
 * A person's data on request (access and portability): everything every module keeps about them,
 * for the admins of their home school and for operators. Each export is audited.
 */
@Service
public class PersonalDataExport {

    private final AccountRepository accounts;
    private final Memberships memberships;
    private final PersonalDataRegistry personalData;
    private final AuditLog audit;
    private final PersonHistory history;

    PersonalDataExport(AccountRepository accounts, Memberships memberships, PersonalDataRegistry personalData,
            AuditLog audit, PersonHistory history) {
        this.history = history;
        this.accounts = accounts;
        this.memberships = memberships;
        this.personalData = personalData;
        this.audit = audit;
    }

    /**
     * @throws RollcallException NOT_FOUND when the email is not a member of the school; FORBIDDEN
     *     for an admin of a school that is not the person's home; PROTECTED_ACCOUNT, to a school admin,
     *     for an account that is or was an admin or operator
     */
    public Map<String, Object> export(String schoolId, String email, Acting acting, String actor) {
        var account = accounts.findByEmail(email == null ? "" : email)
            .filter(a -> memberships.status(a.id(), schoolId).isPresent())
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND,
                "No student or instructor with email " + email + " at school " + schoolId));
        if (acting != Acting.OPERATOR && !accounts.homeSchool(account.id()).filter(schoolId::equals).isPresent()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "The account " + account.email()
                + " was created by another school, which alone answers requests for its data");
        }
        // What an admin did (at any school: what they changed, the keys they made, where they signed in
        // from) is not their home school's to read: as for deactivating or removing them, operators only.
        if (acting != Acting.OPERATOR && accounts.everAdmin(account.id())) {
            throw new RollcallException(ErrorCode.PROTECTED_ACCOUNT, "Account has admin permissions; its data is"
                + " exported by your account manager");
        }
        var export = new LinkedHashMap<String, Object>();
        export.put("email", account.email());
        // What happened to them at each of their schools, without naming the staff who did it.
        var histories = new LinkedHashMap<String, Object>();
        memberships.schoolsOf(account.id()).forEach(school -> histories.put(school, history.at(school, account.email())
            .stream().map(entry -> new PersonHistory.Entry(entry.at(), entry.what(), entry.by() == null ? null : "staff",
                entry.importId())).toList()));
        export.put("history", histories);
        export.putAll(personalData.export(new Person(account.id(), account.email())));
        audit.record(AuditEvent.PERSONAL_DATA_EXPORTED, actor, account.email(), "school " + schoolId);
        return export;
    }
}
