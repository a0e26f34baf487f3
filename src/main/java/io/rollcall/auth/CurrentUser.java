package io.rollcall.auth;

import java.io.Serializable;
import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in person: operators may act at every school, school admins at {@code adminSchools}.
 * Students and instructors have neither. {@code credentialsVersion} is the account's count of
 * password changes at sign-in: a session or token that remembers an older count has ended.
 *
 * <p>An API key signs in as its school's admin on the API only: then {@code apiKey} is set,
 * {@code accountId} is 0 (no account) and {@code email} is the key's label, {@code key 'Nightly SIS'},
 * which is how the audit log and the import history name what it did.
 */
public record CurrentUser(long accountId, String email, String displayName, boolean operator,
        Set<String> adminSchools, boolean mustChangePassword, int credentialsVersion, ApiKey apiKey)
        implements AuthenticatedPrincipal, Serializable {

    /** A person signed in with their account. */
    public CurrentUser(long accountId, String email, String displayName, boolean operator, Set<String> adminSchools,
            boolean mustChangePassword, int credentialsVersion) {
        this(accountId, email, displayName, operator, adminSchools, mustChangePassword, credentialsVersion, null);
    }

    /** A school's API key: that school's admin rights on the API. */
    static CurrentUser of(ApiKey key) {
        return new CurrentUser(0, key.label(), key.label(), false, Set.of(key.schoolId()), false, 0, key);
    }

    /** The same person, not sent to choose a password: for a session a provider signed in. */
    CurrentUser withoutPasswordChange() {
        return new CurrentUser(accountId, email, displayName, operator, adminSchools, false, credentialsVersion, apiKey);
    }

    /**
     * The account id: how a browser session stored in the database names its owner, so that an
     * erasure can end them without the email being written there.
     */
    @Override
    public String getName() {
        return String.valueOf(accountId);
    }

    public boolean canAdminister(String schoolId) {
        return operator || adminSchools.contains(schoolId);
    }

    /** Operators and school admins: the people who may upload and use the API. */
    public boolean isAdmin() {
        return operator || !adminSchools.isEmpty();
    }

    /** Whether an API key, not a person, is acting. */
    public boolean isApiKey() {
        return apiKey != null;
    }

    /** An API key as it acts: its id, its name and its school. */
    public record ApiKey(String id, String name, String schoolId) implements Serializable {

        /** How records name what the key did: {@code key 'Nightly SIS'}. */
        public String label() {
            return label(name);
        }

        public static String label(String name) {
            return "key '" + name + "'";
        }
    }
}
