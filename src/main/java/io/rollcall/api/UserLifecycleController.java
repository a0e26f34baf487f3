package io.rollcall.api;

import java.util.Map;

import io.rollcall.account.AccountLifecycle;
import io.rollcall.account.Acting;
import io.rollcall.account.PersonalDataExport;
import io.rollcall.account.SchoolUser;
import io.rollcall.auth.CurrentUser;
import io.rollcall.school.SchoolService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person through the school year: deactivate, reactivate, remove, erase, and their data on request. */
@RestController
@Tag(name = "Users")
class UserLifecycleController {

    private final SchoolService schools;
    private final AccountLifecycle lifecycle;
    private final PersonalDataExport exports;

    UserLifecycleController(SchoolService schools, AccountLifecycle lifecycle, PersonalDataExport exports) {
        this.schools = schools;
        this.lifecycle = lifecycle;
        this.exports = exports;
    }

    /** Deactivates the person at the school: kept, with their history, but no sign-in through this school. */
    @PostMapping("/api/v1/schools/{schoolId}/users/{email}/deactivate")
    @Operation(operationId = "deactivateUser", summary = "Deactivate a person at a school (no sign-in through it)")
    @Problems({401, 403, 404, 409})
    SchoolUser deactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        return lifecycle.deactivate(schoolId, email, user.email());
    }

    @PostMapping("/api/v1/schools/{schoolId}/users/{email}/reactivate")
    @Operation(operationId = "reactivateUser", summary = "Reactivate a person at a school")
    @Problems({401, 403, 404, 409})
    SchoolUser reactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        return lifecycle.reactivate(schoolId, email, user.email());
    }

    /** Removes the membership; removing the last one erases the person. */
    @DeleteMapping("/api/v1/schools/{schoolId}/users/{email}")
    @Operation(operationId = "removeUser", summary = "Remove a person from a school; the last membership erases them")
    @ApiResponse(responseCode = "204", description = "Removed (or erased)")
    @Problems({401, 403, 404, 409})
    ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        lifecycle.remove(schoolId, email, user.email());
        return ResponseEntity.noContent().build();
    }

    /** Everything held about the person (home school's admins, operators). */
    @GetMapping("/api/v1/schools/{schoolId}/users/{email}/export")
    @Operation(operationId = "exportUserData", summary = "Everything held about a person (home school's admins, operators)")
    @Problems({401, 403, 404, 409})
    Map<String, Object> export(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String email) {
        Viewers.requireAdminOf(user, schoolId);
        schools.find(schoolId);
        return exports.export(schoolId, email, Acting.of(user.operator()), user.email());
    }

    /** Erases the person everywhere at once (operators). */
    @DeleteMapping("/api/v1/users/{email}")
    @Operation(operationId = "eraseUser", summary = "Erase a person everywhere (operators)")
    @ApiResponse(responseCode = "204", description = "Erased")
    @Problems({401, 403, 404, 409})
    ResponseEntity<Void> erase(@AuthenticationPrincipal CurrentUser user, @PathVariable String email) {
        Viewers.requireOperator(user);
        lifecycle.erase(email, user.email());
        return ResponseEntity.noContent().build();
    }
}
