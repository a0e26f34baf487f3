package io.rollcall.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rollcall.account.AccountLifecycle;
import io.rollcall.account.AccountService;
import io.rollcall.account.Role;
import io.rollcall.account.SchoolUser;
import io.rollcall.auth.CurrentUser;
import io.rollcall.importing.ImportReport;
import io.rollcall.importing.PersonImports;
import io.rollcall.paging.PageRequest;

import org.springframework.stereotype.Service;

/**
 * SCIM's Users at the key's school: found in the school's user list, created and changed through
 * the import pipeline one person at a time (so every upload rule holds, and the history shows the
 * change), deactivated, reactivated and removed through the lifecycle. Thread-safe.
 */
@Service
class ScimUsers {

    static final String VIA = "SCIM";
    // Each write is an import: a key runs a few at once, the rest are told to come back (429).
    static final int WRITES_PER_KEY = 4;

    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.Semaphore> writes =
        new java.util.concurrent.ConcurrentHashMap<>();

    private final AccountService accounts;
    private final AccountLifecycle lifecycle;
    private final PersonImports imports;

    ScimUsers(AccountService accounts, AccountLifecycle lifecycle, PersonImports imports) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.imports = imports;
    }

    SchoolUser get(String schoolId, String id) {
        return accounts.user(schoolId, id).orElseThrow(() -> ScimException.notFound(id));
    }

    /** A page of users (startIndex from 1), with the total. */
    record Found(List<SchoolUser> users, long total) {
    }

    Found list(String schoolId, ScimFilter filter, int startIndex, int count) {
        if (filter != null && filter.attribute() == ScimFilter.Attribute.EMAIL) {
            var user = accounts.user(schoolId, filter.value());
            return page(user.map(List::of).orElse(List.of()), startIndex, count);
        }
        if (filter != null) {
            return page(accounts.userByIssuedId(schoolId, filter.value()).map(List::of).orElse(List.of()), startIndex, count);
        }
        long offset = startIndex - 1L;
        if (count == 0) {
            return new Found(List.of(), accounts.users(schoolId, "", null, new PageRequest(0, 1)).total());
        }
        if (offset % count == 0) {
            var page = accounts.users(schoolId, "", null, new PageRequest((int) (offset / count), count));
            return new Found(page.items(), page.total());
        }
        // An offset that is no multiple of the count: the pages around it, cut.
        var first = (int) (offset / count);
        var items = new ArrayList<SchoolUser>(accounts.users(schoolId, "", null, new PageRequest(first, count)).items());
        var next = accounts.users(schoolId, "", null, new PageRequest(first + 1, count));
        items.addAll(next.items());
        int from = (int) (offset - (long) first * count);
        return new Found(items.subList(Math.min(from, items.size()), Math.min(from + count, items.size())), next.total());
    }

    private static Found page(List<SchoolUser> all, int startIndex, int count) {
        int from = Math.min(startIndex - 1, all.size());
        return new Found(all.subList(from, Math.min(all.size(), from + count)), all.size());
    }

    SchoolUser create(String schoolId, Map<String, Object> resource, CurrentUser key) {
        return limited(key, () -> createNow(schoolId, resource, key));
    }

    SchoolUser replace(String schoolId, String id, Map<String, Object> resource, CurrentUser key) {
        return limited(key, () -> replaceNow(schoolId, id, resource, key));
    }

    SchoolUser patch(String schoolId, String id, List<Map<String, Object>> operations, CurrentUser key) {
        return limited(key, () -> patchNow(schoolId, id, operations, key));
    }

    void delete(String schoolId, String id, CurrentUser key) {
        limited(key, () -> {
            lifecycle.remove(schoolId, get(schoolId, id).email(), key.email());
            return null;
        });
    }

    private <T> T limited(CurrentUser key, java.util.function.Supplier<T> write) {
        var permits = writes.computeIfAbsent(key.apiKey().id(), id -> new java.util.concurrent.Semaphore(WRITES_PER_KEY));
        if (!permits.tryAcquire()) {
            throw new ScimException(429, null, "More than " + WRITES_PER_KEY + " changes at once with this key; try"
                + " again in a moment");
        }
        try {
            return write.get();
        } finally {
            permits.release();
        }
    }

    private SchoolUser createNow(String schoolId, Map<String, Object> resource, CurrentUser key) {
        var wanted = ScimPerson.from(resource);
        requireEmail(wanted);
        if (accounts.user(schoolId, wanted.email).isPresent()) {
            throw new ScimException(409, "uniqueness", "A user with userName " + wanted.email + " exists at this school");
        }
        importPerson(schoolId, wanted, key);
        if (!wanted.active) {
            lifecycle.deactivate(schoolId, wanted.email, key.email());
        }
        return get(schoolId, wanted.email);
    }

    private SchoolUser replaceNow(String schoolId, String id, Map<String, Object> resource, CurrentUser key) {
        var current = get(schoolId, id);
        // What the resource leaves out stays as it is: Rollcall cannot clear a role or a status.
        var wanted = ScimPerson.of(current);
        wanted.email = null;
        wanted.replaceWith(resource);
        requireEmail(wanted);
        return apply(schoolId, current, wanted, key);
    }

    private SchoolUser patchNow(String schoolId, String id, List<Map<String, Object>> operations, CurrentUser key) {
        var current = get(schoolId, id);
        var wanted = ScimPerson.of(current);
        operations.forEach(wanted::patch);
        return apply(schoolId, current, wanted, key);
    }

    /**
     * Makes the member what the request wants. Names are the home school's to change: for an account
     * of another school only the membership (role, issuedID, active) is this school's. A deactivated
     * member who stays deactivated keeps what they had (the change applies when they come back). A
     * member reactivated for the change is deactivated again when the change is refused.
     */
    private SchoolUser apply(String schoolId, SchoolUser current, ScimPerson wanted, CurrentUser key) {
        if (!current.email().equalsIgnoreCase(wanted.email)) {
            throw new ScimException(400, "mutability", "userName is the person's email and cannot change (from "
                + current.email() + " to " + wanted.email + "): create the new address as a new user");
        }
        if (!current.home()) {
            wanted.firstName = current.firstName();
            wanted.lastName = current.lastName();
        }
        boolean active = current.status() == io.rollcall.account.MembershipStatus.ACTIVE;
        boolean changed = !Objects.equals(current.firstName(), wanted.firstName)
            || !Objects.equals(current.lastName(), wanted.lastName)
            || !Objects.equals(current.issuedId(), wanted.issuedId) || current.role() != wanted.role;
        if (!active && !wanted.active) {
            return current;
        }
        if (!active) {
            lifecycle.reactivate(schoolId, current.email(), key.email());
        }
        if (changed) {
            wanted.email = current.email();
            try {
                importPerson(schoolId, wanted, key);
            } catch (RuntimeException refused) {
                if (!active) {
                    lifecycle.deactivate(schoolId, current.email(), key.email());
                }
                throw refused;
            }
        }
        if (active && !wanted.active) {
            lifecycle.deactivate(schoolId, current.email(), key.email());
        }
        return get(schoolId, current.email());
    }

    private void importPerson(String schoolId, ScimPerson wanted, CurrentUser key) {
        var report = imports.importNow(new PersonImports.Person(wanted.firstName, wanted.lastName, wanted.email,
            wanted.role == Role.INSTRUCTOR, wanted.issuedId, schoolId), VIA, key);
        refused(report);
    }

    // The row's error, as SCIM says it: a value the rules refuse, or a uniqueness the school keeps.
    private static void refused(ImportReport report) {
        if (report.fileError() != null) {
            throw ScimException.invalidValue(report.fileError().message());
        }
        if (report.errors().isEmpty()) {
            return;
        }
        var error = report.errors().get(0);
        var detail = error.field() == null ? error.message() : error.field() + ": " + error.message();
        throw switch (error.code()) {
            case "ISSUED_ID_TAKEN", "DUPLICATE_EMAIL", "DUPLICATE_ISSUED_ID" -> new ScimException(409, "uniqueness", detail);
            case "PROTECTED_ACCOUNT" -> new ScimException(403, null, detail);
            case "ACCOUNT_DEACTIVATED" -> new ScimException(409, null, detail);
            default -> ScimException.invalidValue(detail.replace("issuedID", "externalId (issuedID)")
                .replace("firstName", "name.givenName (firstName)").replace("lastName", "name.familyName (lastName)"));
        };
    }

    private static void requireEmail(ScimPerson wanted) {
        if (wanted.email == null || wanted.email.isBlank()) {
            throw ScimException.invalidValue("userName (the person's email) is required");
        }
    }
}
