package io.rollcall.importing;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.rollcall.account.AccountRepository;
import io.rollcall.auth.ApiKeys;
import io.rollcall.school.SchoolRepository;

import org.springframework.stereotype.Component;

/**
 * Who uploaded an import, a person or a school's API key, as records name them (an email, or
 * {@code key 'Nightly SIS'}), and what they may import into when the import runs.
 */
@Component
class Uploaders {

    private final AccountRepository accounts;
    private final ApiKeys keys;
    private final SchoolRepository schools;

    Uploaders(AccountRepository accounts, ApiKeys keys, SchoolRepository schools) {
        this.accounts = accounts;
        this.keys = keys;
        this.schools = schools;
    }

    /** The uploader's name in records: their email, or the key's label. */
    String label(ImportJob job) {
        return job.uploadedByKey() != null ? keys.labels(Set.of(job.uploadedByKey())).get(job.uploadedByKey())
            : accounts.emailOf(job.uploadedBy());
    }

    /** The uploaders' names in records, by import id. */
    Map<String, String> labels(Collection<ImportJobs.Uploader> uploaders) {
        var emails = accounts.emailsOf(uploaders.stream().map(ImportJobs.Uploader::uploadedBy)
            .filter(Objects::nonNull).toList());
        var keyLabels = keys.labels(uploaders.stream().map(ImportJobs.Uploader::uploadedByKey)
            .filter(Objects::nonNull).toList());
        var byImport = new HashMap<String, String>();
        for (var uploader : uploaders) {
            byImport.put(uploader.importId(), uploader.uploadedByKey() != null ? keyLabels.get(uploader.uploadedByKey())
                : emails.get(uploader.uploadedBy()));
        }
        return byImport;
    }

    /** Whether an operator uploaded it (an API key never is one). */
    boolean isOperator(ImportJob job) {
        return job.uploadedBy() != null && accounts.isOperator(job.uploadedBy());
    }

    /**
     * The schools the uploader may import into now, when the import runs: every school for an
     * operator, an admin's schools as they are now, a key's school while the key lives (none once revoked).
     */
    Set<String> authorizedSchools(ImportJob job) {
        if (job.uploadedByKey() != null) {
            return keys.liveSchool(job.uploadedByKey()).map(Set::of).orElse(Set.of());
        }
        if (isOperator(job)) {
            var all = new HashSet<String>();
            schools.findAll().forEach(school -> all.add(school.schoolId()));
            return all;
        }
        return accounts.adminSchools(job.uploadedBy());
    }
}
