package io.rollcall.importing.validate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.validator.routines.EmailValidator;

/**
 * Commons Validator's email check (syntax, and a domain with an existing top-level domain) that
 * remembers its verdict on each domain: a roster's many addresses share a few domains, and the
 * domain check is the costlier half. The local part of the usual address (letters, digits and a
 * few signs, in words between single dots) is accepted without the library's regular expression,
 * which would accept it too; any other goes through it. Same verdicts, a few times faster.
 * Thread-safe; the memory is bounded.
 */
final class EmailCheck extends EmailValidator {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DOMAINS = 10_000;

    private final Map<String, Boolean> domains = new ConcurrentHashMap<>();

    EmailCheck() {
        super(false, false);
    }

    // Commons Validator's limit on the local part.
    private static final int MAX_USER_CHARS = 64;

    @Override
    protected boolean isValidUser(String user) {
        return isPlainDotAtom(user) || super.isValidUser(user);
    }

    // Words of the characters below between single dots: a strict subset of what the library's
    // pattern accepts (any character but spaces, controls and ()<>@,;:\".[], in dot-separated words).
    static boolean isPlainDotAtom(String user) {
        if (user == null || user.isEmpty() || user.length() > MAX_USER_CHARS) {
            return false;
        }
        boolean afterDot = true;
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '.') {
                if (afterDot) {
                    return false;
                }
                afterDot = true;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '+' || c == '\'') {
                afterDot = false;
            } else {
                return false;
            }
        }
        return !afterDot;
    }

    @Override
    protected boolean isValidDomain(String domain) {
        var known = domains.get(domain);
        if (known != null) {
            return known;
        }
        boolean valid = super.isValidDomain(domain);
        if (domains.size() >= MAX_DOMAINS) {
            // Roughly bounded (the check races); starting over keeps the domains of the current files.
            domains.clear();
        }
        domains.put(domain, valid);
        return valid;
    }
}
