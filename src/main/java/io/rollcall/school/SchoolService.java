package io.rollcall.school;

import java.util.List;
import java.util.Set;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.springframework.stereotype.Service;

/**
 * Schools and their policy, as both faces (API and portal) change them: the rules for an id and a
 * name, the audit entries, and which schools a person sees.
 */
@Service
public class SchoolService {

    public static final int MAX_NAME = 200;

    private final SchoolRepository schools;
    private final AuditLog audit;

    SchoolService(SchoolRepository schools, AuditLog audit) {
        this.schools = schools;
        this.audit = audit;
    }

    /**
     * Creates a school.
     *
     * @throws RollcallException INVALID_SCHOOL_ID, INVALID_REQUEST for a missing or long name,
     *     SCHOOL_EXISTS
     */
    public School create(String schoolId, String name, boolean customPasswordOverridesExisting, String actor) {
        var school = new School(SchoolIds.check(schoolId), checkName(name), customPasswordOverridesExisting, false);
        if (!schools.insert(school)) {
            throw new RollcallException(ErrorCode.SCHOOL_EXISTS, "A school with schoolID " + school.schoolId()
                + " already exists");
        }
        audit.record(AuditEvent.SCHOOL_CREATED, actor, school.schoolId(),
            "customPasswordOverridesExisting=" + customPasswordOverridesExisting);
        return school;
    }

    /**
     * Renames the school or changes its policy; a null (or, for the name, blank) value is left as it is.
     *
     * @throws RollcallException NOT_FOUND, INVALID_REQUEST for a name over the limit
     */
    public School update(String schoolId, String name, Boolean customPasswordOverridesExisting, String actor) {
        return update(schoolId, name, customPasswordOverridesExisting, null, actor);
    }

    /** {@link #update(String, String, Boolean, String)}, and whether uploads reactivate deactivated members. */
    public School update(String schoolId, String name, Boolean customPasswordOverridesExisting,
            Boolean uploadsReactivate, String actor) {
        return update(schoolId, name, customPasswordOverridesExisting, uploadsReactivate, null, actor);
    }

    /**
     * {@link #update(String, String, Boolean, Boolean, String)}, and the language of the school's
     * welcome emails.
     *
     * @throws RollcallException INVALID_REQUEST for a locale Rollcall does not speak (checked first:
     *     nothing is changed)
     */
    public School update(String schoolId, String name, Boolean customPasswordOverridesExisting,
            Boolean uploadsReactivate, String locale, String actor) {
        var language = locale == null ? null : Languages.parse(locale).orElseThrow(() -> new RollcallException(
            ErrorCode.INVALID_REQUEST, "locale must be one of " + Languages.tags()
                + ", the languages Rollcall speaks"));
        var school = find(schoolId);
        var updated = new School(schoolId, name == null || name.isBlank() ? school.name() : checkName(name),
            customPasswordOverridesExisting == null ? school.customPasswordOverridesExisting()
                : customPasswordOverridesExisting,
            uploadsReactivate == null ? school.uploadsReactivate() : uploadsReactivate,
            language == null ? school.locale() : language.toLanguageTag());
        schools.update(updated);
        if (!updated.locale().equals(school.locale())) {
            audit.record(AuditEvent.POLICY_CHANGED, actor, schoolId, "locale=" + updated.locale());
        }
        if (updated.customPasswordOverridesExisting() != school.customPasswordOverridesExisting()
                || updated.uploadsReactivate() != school.uploadsReactivate()) {
            audit.record(AuditEvent.POLICY_CHANGED, actor, schoolId,
                "customPasswordOverridesExisting=" + updated.customPasswordOverridesExisting()
                    + ", uploadsReactivate=" + updated.uploadsReactivate());
        }
        return updated;
    }

    /** @throws RollcallException NOT_FOUND */
    public School find(String schoolId) {
        return schools.find(schoolId)
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND, "School " + schoolId + " does not exist"));
    }

    /** The schools a person sees: every school for an operator, else those they administer. */
    public List<School> visibleTo(boolean operator, Set<String> adminSchools) {
        return operator ? schools.findAll() : schools.findAll(adminSchools);
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "The school name is required: up to " + MAX_NAME
                + " characters.");
        }
        return name.strip();
    }
}
