package io.rollcall.api;


import io.rollcall.audit.AuditEntry;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;

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
    PagedResponse<AuditEntry> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Viewers.requireOperator(user);
        int p = Viewers.page(page);
        int s = Viewers.size(size);
        return new PagedResponse<>(audit.page(p, s), audit.count(), p, s);
    }
}
