package io.rollcall.api;

import java.util.List;


import io.rollcall.account.AccountService;
import io.rollcall.account.Acting;
import io.rollcall.account.MembershipStatus;
import io.rollcall.account.SchoolUser;
import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.school.School;
import io.rollcall.school.SchoolService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Schools")
class SchoolController {

    private final SchoolService schools;
    private final AccountService accounts;

    SchoolController(SchoolService schools, AccountService accounts) {
        this.schools = schools;
        this.accounts = accounts;
    }

    record NewSchool(@Schema(example = "648572", pattern = "^[A-Za-z0-9._-]{1,64}$") String schoolId,
            @Schema(example = "Demo Campus") String name,
            @Schema(defaultValue = "false") Boolean customPasswordOverridesExisting) {
    }

    record SchoolPatch(@Schema(example = "Demo Campus") String name, Boolean customPasswordOverridesExisting,
            Boolean uploadsReactivate,
            @Schema(description = "The language of the school's welcome emails", allowableValues = {"en", "es", "fr"},
                example = "es") String locale) {
    }

    record NewAdmin(@Schema(example = "admin@demo.example.com") String email,
            @Schema(example = "Dana", defaultValue = "School") String firstName,
            @Schema(example = "Admin", defaultValue = "Admin") String lastName,
            @Schema(format = "password", minLength = 8, maxLength = 128, example = "admin-password-1") String password) {
    }

    record AdminGranted(String schoolId, String email, String firstName, String lastName, boolean accountCreated,
            boolean credentialsReset) {
    }

    record ListResponse<T>(List<T> items, long total) {
    }

    @PostMapping("/api/v1/schools")
    @Operation(operationId = "createSchool", summary = "Create a school (operators)")
    @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", required = true,
        description = "The school's address", schema = @Schema(type = "string", format = "uri-reference")))
    @Problems({400, 401, 403, 409, 415})
    ResponseEntity<School> create(@AuthenticationPrincipal CurrentUser user, @RequestBody NewSchool body) {
        Viewers.requireOperator(user);
        var school = schools.create(body.schoolId(), body.name(),
            Boolean.TRUE.equals(body.customPasswordOverridesExisting()), user.email());
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/schools/{id}")
            .buildAndExpand(school.schoolId()).encode().toUri()).body(school);
    }

    @GetMapping("/api/v1/schools")
    @Operation(operationId = "listSchools", summary = "The schools the caller administers (operators: all)")
    @Problems({401, 403})
    ListResponse<School> list(@AuthenticationPrincipal CurrentUser user) {
        Viewers.requireAdmin(user);
        var visible = schools.visibleTo(user.operator(), user.adminSchools());
        return new ListResponse<>(visible, visible.size());
    }

    @GetMapping("/api/v1/schools/{schoolId}")
    @Operation(operationId = "getSchool", summary = "A school and its policy")
    @Problems({401, 403, 404})
    School get(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId) {
        Viewers.requireAdminOf(user, schoolId);
        return schools.find(schoolId);
    }

    @PatchMapping("/api/v1/schools/{schoolId}")
    @Operation(operationId = "updateSchool",
        summary = "Rename a school, change its policy or its welcome emails' language (operators)")
    @Problems({400, 401, 403, 404, 415})
    School update(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @RequestBody SchoolPatch body) {
        Viewers.requireOperator(user);
        return schools.update(schoolId, body.name(), body.customPasswordOverridesExisting(), body.uploadsReactivate(),
            body.locale(), user.email());
    }

    @PostMapping("/api/v1/schools/{schoolId}/admins")
    @Operation(operationId = "grantAdmin", summary = "Grant admin at a school, creating or taking over the account (operators)")
    @ApiResponse(responseCode = "201", description = "Granted")
    @Problems({400, 401, 403, 404, 415, 503})
    ResponseEntity<AdminGranted> grantAdmin(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @RequestBody NewAdmin body) {
        Viewers.requireOperator(user);
        var granted = accounts.grantSchoolAdmin(schoolId, body.email(), body.firstName(), body.lastName(),
            body.password(), user.email());
        var account = granted.account();
        return ResponseEntity.status(HttpStatus.CREATED).body(new AdminGranted(schoolId, account.email(),
            account.firstName(), account.lastName(), granted.created(), granted.credentialsReset()));
    }

    /** Withdraws admin permission at the school; the account stays, protected from uploads for good. */
    @DeleteMapping("/api/v1/schools/{schoolId}/admins/{email}")
    @Operation(operationId = "revokeAdmin", summary = "Withdraw admin permission at a school (operators)")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Problems({401, 403, 404})
    ResponseEntity<Void> revokeAdmin(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireOperator(user);
        schools.find(schoolId);
        if (!accounts.revokeSchoolAdmin(schoolId, email, user.email())) {
            throw new RollcallException(ErrorCode.NOT_FOUND, email + " is not an admin of school " + schoolId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/schools/{schoolId}/users")
    @Operation(operationId = "listUsers", summary = "A school's students and instructors, by email")
    @Problems({400, 401, 403, 404})
    Page<SchoolUser> users(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @RequestParam(required = false) String email,
            @Parameter(schema = @Schema(allowableValues = {"ACTIVE", "DEACTIVATED"})) @RequestParam(required = false)
            String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        var wanted = status == null || status.isBlank() ? null : MembershipStatus.parse(status).orElseThrow(() ->
            new RollcallException(ErrorCode.INVALID_REQUEST, "status must be ACTIVE or DEACTIVATED"));
        return accounts.users(schoolId, email, wanted, PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/schools/{schoolId}/users/{email}/welcome-email")
    @Operation(operationId = "resendWelcomeEmail", summary = "Send the welcome email again with a fresh link")
    @ApiResponse(responseCode = "202", description = "Queued")
    @Problems({401, 403, 404, 409})
    ResponseEntity<Void> resendWelcome(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        accounts.resendWelcome(schoolId, email, Acting.of(user.operator()));
        return ResponseEntity.accepted().build();
    }
}
