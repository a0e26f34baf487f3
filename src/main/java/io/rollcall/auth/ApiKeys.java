package io.rollcall.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.account.AccountRepository;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.school.SchoolService;
import io.rollcall.secret.Secrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A school's API keys: bearer credentials with that school's admin rights on the API (never the
 * portal), for nightly scripts and identity providers. A key is 256 random bits behind the prefix
 * {@value #PREFIX}, shown once and kept only as a SHA-256 digest. It belongs to the school, not to
 * the admin who made it: their password change or lost permission leaves it working; revoking it,
 * or removing the school, ends it at once. Owns {@code api_key}. Thread-safe.
 */
@Service
public class ApiKeys {

    /** Every key begins so, which tells it from a 12-hour token (and lets secret scanners find a leaked one). */
    public static final String PREFIX = "rk_";
    public static final int MAX_NAME = 100;
    public static final int MAX_PER_SCHOOL = 25;
    // Each use is remembered (time, address) at most once a minute per key: polling costs no writes.
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final SchoolService schools;

    ApiKeys(JdbcClient jdbc, Clock clock, AuditLog audit, AccountRepository accounts, SchoolService schools) {
        this.schools = schools;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.accounts = accounts;
    }

    /** A new key: {@code key} is its only appearance in clear. */
    public record CreatedApiKey(String id, String name, String key, Instant createdAt) {
    }

    /** A live key as its school's admins see it: never the key itself. */
    public record ApiKeyInfo(String id, String name, Instant createdAt, String createdBy, Instant lastUsedAt,
            String lastUsedAddress) {
    }

    /**
     * Makes a key for the school. The caller must administer the school (checked here too) and be a
     * person: a key cannot make keys, so a leaked one cannot outlive its own revocation.
     *
     * @throws RollcallException FORBIDDEN, NOT_FOUND for no such school, or INVALID_REQUEST for a bad name or a school that has
     *     {@value #MAX_PER_SCHOOL} live keys already
     */
    @Transactional
    public CreatedApiKey create(String schoolId, String name, CurrentUser actor) {
        requirePersonWhoAdministers(schoolId, actor);
        var cleanName = checkedName(name);
        schools.find(schoolId);
        long live = jdbc.sql("select count(*) from api_key where school_id = :school and revoked_at is null")
            .param("school", schoolId).query(Long.class).single();
        if (live >= MAX_PER_SCHOOL) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "School " + schoolId + " already has "
                + MAX_PER_SCHOOL + " API keys, the most a school may have; revoke one it no longer uses first");
        }
        var key = PREFIX + Secrets.newToken();
        var id = UUID.randomUUID().toString();
        var now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into api_key (id, school_id, name, key_hash, created_by, created_at)
                values (:id, :school, :name, :hash, :by, :now)""")
            .param("id", id).param("school", schoolId).param("name", cleanName).param("hash", Secrets.digest(key))
            .param("by", actor.accountId()).param("now", now)
            .update();
        audit.recordWithChange(AuditEvent.API_KEY_CREATED, actor.email(), "school " + schoolId,
            CurrentUser.ApiKey.label(cleanName) + " (" + id + ")");
        return new CreatedApiKey(id, cleanName, key, now.toInstant());
    }

    /**
     * The school's live keys, oldest first, with who made each and when and from where it was last used.
     *
     * @throws RollcallException FORBIDDEN unless the viewer is a person who administers the school; NOT_FOUND
     */
    public List<ApiKeyInfo> list(String schoolId, CurrentUser viewer) {
        requirePersonWhoAdministers(schoolId, viewer);
        schools.find(schoolId);
        record Row(String id, String name, OffsetDateTime createdAt, Long createdBy, OffsetDateTime lastUsedAt,
                String lastUsedAddress) {
        }
        var rows = jdbc.sql("""
                select id, name, created_at, created_by, last_used_at, last_used_address from api_key
                where school_id = :school and revoked_at is null order by created_at, id""")
            .param("school", schoolId).query(Row.class).list();
        var creators = accounts.emailsOf(rows.stream().map(Row::createdBy).filter(java.util.Objects::nonNull).toList());
        return rows.stream().map(row -> new ApiKeyInfo(row.id(), row.name(), row.createdAt().toInstant(),
            row.createdBy() == null ? null : creators.get(row.createdBy()),
            row.lastUsedAt() == null ? null : row.lastUsedAt().toInstant(), row.lastUsedAddress())).toList();
    }

    /**
     * Ends the school's key at once; false when the school has no such live key (another school's
     * key is not found either). The key's name stays on what it did.
     *
     * @throws RollcallException FORBIDDEN unless the actor is a person who administers the school; NOT_FOUND
     */
    @Transactional
    public boolean revoke(String schoolId, String id, CurrentUser actor) {
        requirePersonWhoAdministers(schoolId, actor);
        schools.find(schoolId);
        var name = jdbc.sql("select name from api_key where id = :id and school_id = :school and revoked_at is null")
            .param("id", id).param("school", schoolId).query(String.class).optional();
        if (name.isEmpty()) {
            return false;
        }
        jdbc.sql("update api_key set revoked_at = :now, key_hash = null where id = :id")
            .param("id", id).param("now", OffsetDateTime.now(clock)).update();
        audit.recordWithChange(AuditEvent.API_KEY_REVOKED, actor.email(), "school " + schoolId,
            CurrentUser.ApiKey.label(name.get()) + " (" + id + ")");
        return true;
    }

    /** The school of a key that is still live, for work it queued earlier (an import that runs later). */
    public Optional<String> liveSchool(String id) {
        return jdbc.sql("select school_id from api_key where id = :id and revoked_at is null")
            .param("id", id).query(String.class).optional();
    }

    /** How records name the keys (id to {@code key 'name'}), revoked ones too. */
    public java.util.Map<String, String> labels(java.util.Collection<String> ids) {
        var labels = new java.util.HashMap<String, String>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, name from api_key where id in (:ids)").param("ids", ids)
                .query((rs, n) -> labels.put(rs.getString(1), CurrentUser.ApiKey.label(rs.getString(2)))).list();
        }
        return labels;
    }

    /** Whether the text is shaped like a key (so a bearer credential is looked up here, not among tokens). */
    static boolean looksLikeKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    /** The key's school admin, when the key is live; remembers when and from where it was used. */
    Optional<CurrentUser> signIn(String key, String address) {
        var found = jdbc.sql("select id, name, school_id from api_key where key_hash = :hash and revoked_at is null")
            .param("hash", Secrets.digest(key)).query(CurrentUser.ApiKey.class).optional();
        found.ifPresent(apiKey -> {
            var now = OffsetDateTime.now(clock);
            jdbc.sql("""
                    update api_key set last_used_at = :now, last_used_address = :address
                    where id = :id and (last_used_at is null or last_used_at < :since
                        or last_used_address is null or last_used_address <> :address)""")
                .param("id", apiKey.id()).param("now", now).param("since", now.minus(USE_RESOLUTION))
                .param("address", address == null || address.length() <= 64 ? address : address.substring(0, 64))
                .update();
        });
        return found.map(CurrentUser::of);
    }

    // Checked before the school is looked up: another school's admin learns nothing, not even whether it exists.
    private static void requirePersonWhoAdministers(String schoolId, CurrentUser actor) {
        if (actor.isApiKey()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "An API key cannot manage API keys: an admin of the"
                + " school signs in to do it");
        }
        if (!actor.canAdminister(schoolId)) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "You are not an admin at school " + schoolId);
        }
    }

    private static String checkedName(String name) {
        var clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "A key's name is 1 to " + MAX_NAME
                + " characters without line breaks or control characters, e.g. \"Nightly SIS\"");
        }
        return clean;
    }
}
