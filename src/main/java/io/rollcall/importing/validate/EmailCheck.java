package io.rollcall.importing.validate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.validator.routines.EmailValidator;

/**
 * Commons Validator's email check (syntax, and a domain with an existing top-level domain) that
 * remembers its verdict on each domain: a roster's many addresses share a few domains, and the
 * domain check is the costlier half. Thread-safe; the memory is bounded.
 */
final class EmailCheck extends EmailValidator {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DOMAINS = 10_000;

    private final Map<String, Boolean> domains = new ConcurrentHashMap<>();

    EmailCheck() {
        super(false, false);
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
