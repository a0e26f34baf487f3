package io.rollcall.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.rollcall.account.AccountService;
import io.rollcall.account.Acting;
import io.rollcall.account.SchoolUser;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.school.School;
import io.rollcall.school.SchoolIds;
import io.rollcall.school.SchoolRepository;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Schools, their policy, their admins (operators) and their users (school admins). */
@RestController
class SchoolController {

    private final SchoolRepository schools;
    private final AccountService accounts;
    private final AuditLog audit;

    SchoolController(SchoolRepository schools, AccountService accounts, AuditLog audit) {
        this.schools = schools;
        this.accounts = accounts;
        this.audit = audit;
    }

    // schoolId is checked by SchoolIds, so that a bad one gets its own code (INVALID_SCHOOL_ID).
    record NewSchool(String schoolId, @NotBlank @Size(max = 200) String name, Boolean customPasswordOverridesExisting) {
    }

    record SchoolPatch(@Size(max = 200) String name, Boolean customPasswordOverridesExisting) {
    }

    record NewAdmin(@NotBlank @Size(max = 254) String email, @Size(max = 100) String firstName,
            @Size(max = 100) String lastName, String password) {
    }

    record AdminGranted(String schoolId, String email, String firstName, String lastName, boolean accountCreated,
            boolean credentialsReset) {
    }

    record ListResponse<T>(List<T> items, long total) {
    }

    @PostMapping("/api/v1/schools")
    ResponseEntity<School> create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewSchool body) {
        Viewers.requireOperator(user);
        var school = new School(SchoolIds.check(body.schoolId()), body.name().trim(),
            Boolean.TRUE.equals(body.customPasswordOverridesExisting()));
        if (!schools.insert(school)) {
            throw new RollcallException(ErrorCode.SCHOOL_EXISTS, "School " + school.schoolId() + " already exists");
        }
        audit.record(AuditEvent.SCHOOL_CREATED, user.email(), school.schoolId(),
            "customPasswordOverridesExisting=" + school.customPasswordOverridesExisting());
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/schools/{id}")
            .buildAndExpand(school.schoolId()).encode().toUri()).body(school);
    }

    @GetMapping("/api/v1/schools")
    ListResponse<School> list(@AuthenticationPrincipal CurrentUser user) {
        Viewers.requireAdmin(user);
        var visible = user.operator() ? schools.findAll() : schools.findAll(user.adminSchools());
        return new ListResponse<>(visible, visible.size());
    }

    @GetMapping("/api/v1/schools/{schoolId}")
    School get(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId) {
        Viewers.requireAdminOf(user, schoolId);
        return find(schoolId);
    }

    @PatchMapping("/api/v1/schools/{schoolId}")
    School update(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @Valid @RequestBody SchoolPatch body) {
        Viewers.requireOperator(user);
        var school = find(schoolId);
        var name = body.name() == null || body.name().isBlank() ? school.name() : body.name().trim();
        var overrides = body.customPasswordOverridesExisting() == null ? school.customPasswordOverridesExisting()
            : body.customPasswordOverridesExisting();
        var updated = new School(schoolId, name, overrides);
        schools.update(updated);
        if (overrides != school.customPasswordOverridesExisting()) {
            audit.record(AuditEvent.POLICY_CHANGED, user.email(), schoolId, "customPasswordOverridesExisting=" + overrides);
        }
        return updated;
    }

    @PostMapping("/api/v1/schools/{schoolId}/admins")
    ResponseEntity<AdminGranted> grantAdmin(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @Valid @RequestBody NewAdmin body) {
        Viewers.requireOperator(user);
        find(schoolId);
        var granted = accounts.grantSchoolAdmin(schoolId, body.email(), blankToDefault(body.firstName(), "School"),
            blankToDefault(body.lastName(), "Admin"), body.password());
        var account = granted.account();
        audit.record(AuditEvent.ADMIN_GRANTED, user.email(), account.email(), "school " + schoolId
            + (granted.credentialsReset() ? "; existing account taken over: password replaced, links, tokens and"
                + " sessions ended" : ""));
        return ResponseEntity.status(HttpStatus.CREATED).body(new AdminGranted(schoolId, account.email(),
            account.firstName(), account.lastName(), granted.created(), granted.credentialsReset()));
    }

    /** Withdraws admin permission at the school; the account stays, protected from uploads for good. */
    @DeleteMapping("/api/v1/schools/{schoolId}/admins/{email}")
    ResponseEntity<Void> revokeAdmin(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireOperator(user);
        find(schoolId);
        if (!accounts.revokeSchoolAdmin(schoolId, email)) {
            throw new RollcallException(ErrorCode.NOT_FOUND, email + " is not an admin of school " + schoolId);
        }
        audit.record(AuditEvent.ADMIN_REVOKED, user.email(), email, "school " + schoolId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/schools/{schoolId}/users")
    Page<SchoolUser> users(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @RequestParam(required = false) String email, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Viewers.requireAdminOf(user, schoolId);
        find(schoolId);
        var result = accounts.users(schoolId, email, PageRequest.of(page, size));
        return result;
    }

    @PostMapping("/api/v1/schools/{schoolId}/users/{email}/welcome-email")
    ResponseEntity<Void> resendWelcome(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        find(schoolId);
        accounts.resendWelcome(schoolId, email, Acting.of(user.operator()));
        return ResponseEntity.accepted().build();
    }

    private School find(String schoolId) {
        return schools.find(schoolId)
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND, "School " + schoolId + " does not exist"));
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
