package io.rollcall.api;


import io.rollcall.audit.AuditEntry;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first, for operators. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    Page<AuditEntry> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Viewers.requireOperator(user);
        return audit.page(PageRequest.of(page, size));
    }
}
