package io.rollcall.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.rollcall.paging.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The account with that email key (trimmed, lower case), as signing in needs it. */
    public Optional<Credentials> credentials(String emailKey) {
        return credentials("a.email_key = :key", emailKey);
    }

    /** The account as signing in needs it, read afresh (a session's or token's every request). */
    public Optional<Credentials> credentials(long accountId) {
        return credentials("a.id = :key", accountId);
    }

    private Optional<Credentials> credentials(String where, Object key) {
        record Row(long id, String email, String firstName, String lastName, String passwordHash,
                boolean mustChangePassword, int credentialsVersion, boolean operator, boolean inactive) {
        }
        return jdbc.sql("""
                select a.id, a.email, a.first_name as firstName, a.last_name as lastName, a.password_hash as passwordHash,
                       a.must_change_password as mustChangePassword, a.credentials_version as credentialsVersion,
                       case when o.account_id is null then false else true end as operator,
                       case when exists (select 1 from membership m where m.account_id = a.id)
                           and not exists (select 1 from membership m where m.account_id = a.id and m.status = 'ACTIVE')
                           then true else false end as inactive
                from account a left join operator o on o.account_id = a.id
                where""" + " " + where)
            .param("key", key)
            .query(Row.class).optional()
            .map(row -> {
                var adminSchools = adminSchools(row.id());
                return new Credentials(row.id(), row.email(), row.firstName(), row.lastName(), row.passwordHash(),
                    row.mustChangePassword(), row.credentialsVersion(), row.operator(), adminSchools,
                    row.inactive() && !row.operator() && adminSchools.isEmpty());
            });
    }

    /** The school that controls the account's name and password, if it has one. */
    public Optional<String> homeSchool(long accountId) {
        return jdbc.sql("select home_school_id from account where id = :id and home_school_id is not null")
            .param("id", accountId).query(String.class).optional();
    }

    /** Whether the account holds, or ever held, admin or operator permission: no school admin may change it. */
    public boolean everAdmin(long accountId) {
        return jdbc.sql("select ever_admin from account where id = :id").param("id", accountId)
            .query(Boolean.class).optional().orElse(false);
    }

    public Optional<Account> findByEmail(String email) {
        return jdbc.sql("""
                select id, email, first_name, last_name, password_hash, must_change_password
                from account where email_key = :key""")
            .param("key", Account.emailKey(email))
            .query(Account.class).optional();
    }

    /** Creates an account and returns it; the email must not be taken. */
    public Account insert(String email, String firstName, String lastName, String passwordHash,
            boolean mustChangePassword) {
        var now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into account (email, email_key, first_name, last_name, password_hash,
                    must_change_password, created_at, updated_at)
                values (:email, :key, :first, :last, :hash, :mustChange, :now, :now)""")
            .param("email", email.trim())
            .param("key", Account.emailKey(email))
            .param("first", firstName)
            .param("last", lastName)
            .param("hash", passwordHash)
            .param("mustChange", mustChangePassword)
            .param("now", now)
            .update();
        return findByEmail(email).orElseThrow();
    }

    public boolean isMember(long accountId, String schoolId) {
        return jdbc.sql("select count(*) from membership where account_id = :id and school_id = :school")
            .param("id", accountId).param("school", schoolId).query(Long.class).single() > 0;
    }

    /** The school a welcome email about the account names: its home school, else the first of its schools. */
    public Optional<String> welcomeSchool(long accountId) {
        return jdbc.sql("""
                select coalesce(a.home_school_id, (select min(m.school_id) from membership m where m.account_id = a.id))
                from account a where a.id = :id""")
            .param("id", accountId).query(String.class).optional();
    }

    /** The emails of the accounts: id to email. */
    public java.util.Map<Long, String> emailsOf(java.util.Collection<Long> accountIds) {
        var emails = new java.util.HashMap<Long, String>();
        if (!accountIds.isEmpty()) {
            jdbc.sql("select id, email from account where id in (:ids)").param("ids", accountIds)
                .query((rs, n) -> emails.put(rs.getLong(1), rs.getString(2))).list();
        }
        return emails;
    }

    public String emailOf(long accountId) {
        return jdbc.sql("select email from account where id = :id").param("id", accountId)
            .query(String.class).optional().orElse(null);
    }

    public boolean anyOperator() {
        return jdbc.sql("select count(*) from operator").query(Long.class).single() > 0;
    }

    public boolean isOperator(long accountId) {
        return jdbc.sql("select count(*) from operator where account_id = :id")
            .param("id", accountId).query(Long.class).single() > 0;
    }

    public void makeOperator(long accountId) {
        markEverAdmin(accountId);
        jdbc.sql("insert into operator (account_id) select :id where not exists "
                + "(select 1 from operator where account_id = :id)")
            .param("id", accountId).update();
    }

    public void grantSchoolAdmin(long accountId, String schoolId) {
        markEverAdmin(accountId);
        jdbc.sql("""
                insert into school_admin (account_id, school_id)
                select :id, :school where not exists
                    (select 1 from school_admin where account_id = :id and school_id = :school)""")
            .param("id", accountId).param("school", schoolId).update();
    }

    // For good: a revoked admin stays out of reach of uploads (PROTECTED_ACCOUNT).
    private void markEverAdmin(long accountId) {
        jdbc.sql("update account set ever_admin = true where id = :id and ever_admin = false")
            .param("id", accountId).update();
    }

    /** Whether the account holds admin permission at some school, or is an operator, now. */
    public boolean holdsAdminPermission(long accountId) {
        return jdbc.sql("""
                select count(*) from account a where a.id = :id and (
                    exists (select 1 from operator o where o.account_id = a.id)
                    or exists (select 1 from school_admin s where s.account_id = a.id))""")
            .param("id", accountId).query(Long.class).single() > 0;
    }

    /** The account, with its row locked until the transaction ends. */
    public Optional<Account> lockByEmail(String email) {
        return jdbc.sql("""
                select id, email, first_name, last_name, password_hash, must_change_password
                from account where email_key = :key for update""")
            .param("key", Account.emailKey(email))
            .query(Account.class).optional();
    }

    public Set<String> adminSchools(long accountId) {
        return new TreeSet<>(jdbc.sql("select school_id from school_admin where account_id = :id")
            .param("id", accountId).query(String.class).list());
    }

    public long countUsers(String schoolId, String search, MembershipStatus status) {
        if (search.isEmpty()) {
            return countMembers(schoolId, status);
        }
        return jdbc.sql("""
                select count(*) from membership m
                where m.school_id = :school and (:search = '' or m.email_key like :pattern)
                    and (:status = '' or m.status = :status)""")
            .param("school", schoolId)
            .param("search", search)
            .param("pattern", "%" + search + "%")
            .param("status", status == null ? "" : status.name())
            .query(Long.class).single();
    }

    // The columns of a SchoolUser, from a membership joined to its account; the password state only
    // for the account's home school.
    // Columns named as SchoolUser's components: the row mapper finds each at the first try (a miss costs
    // the JDBC driver an exception, for every row of every users page).
    private static final String SCHOOL_USER_COLUMNS = """
            select a.email, a.first_name as firstName, a.last_name as lastName, m.role, m.issued_id as issuedId, m.status,
                   case when a.home_school_id = m.school_id then a.must_change_password end as mustChangePassword,
                   case when a.home_school_id = m.school_id
                       then case when a.password_hash is null then false else true end end as hasPassword,
                   case when a.home_school_id = m.school_id then true else false end as home
            """;
    private static final String SCHOOL_USERS = SCHOOL_USER_COLUMNS + """
            from membership m join account a on a.id = m.account_id
            """;

    // A page of the school's memberships picked from the index in that order (V22), skipped rows and
    // all, before any account is read: only the page's own accounts are joined, however deep the page.
    private static String usersPage(String where, String order) {
        return SCHOOL_USER_COLUMNS + "from (select * from membership m where " + where + " order by " + order
            + " limit :size offset :offset) m join account a on a.id = m.account_id order by " + order;
    }

    /** The school's student or instructor with that account, as the user list shows them. */
    public Optional<SchoolUser> findUser(String schoolId, long accountId) {
        return jdbc.sql(SCHOOL_USERS + "where m.school_id = :school and m.account_id = :id")
            .param("school", schoolId).param("id", accountId)
            .query(SchoolUser.class).optional();
    }

    // By email: the order of the index membership_email_order.
    static final String USERS_PAGE = usersPage("""
            m.school_id = :school and (:search = '' or m.email_key like :pattern)
                and (:status = '' or m.status = :status)""", "m.email_key");

    /**
     * A page of the school's students and instructors, by email; {@code search} is lower case,
     * {@code status} null for every status.
     */
    public List<SchoolUser> findUsers(String schoolId, String search, MembershipStatus status, PageRequest request) {
        return jdbc.sql(USERS_PAGE)
            .param("school", schoolId)
            .param("search", search)
            .param("pattern", "%" + search + "%")
            .param("status", status == null ? "" : status.name())
            .param("size", request.size())
            .param("offset", request.offset())
            .query(SchoolUser.class).list();
    }
    public Optional<Account> findById(long id) {
        return jdbc.sql("""
                select id, email, first_name, last_name, password_hash, must_change_password
                from account where id = :id""")
            .param("id", id)
            .query(Account.class).optional();
    }

    /**
     * Replaces the password; {@code mustChangePassword} false once the person chose it. Every
     * session and token signed in under the old password stops working.
     */
    public void updatePassword(long accountId, String passwordHash, boolean mustChangePassword) {
        jdbc.sql("""
                update account set password_hash = :hash, must_change_password = :mustChange, updated_at = :now,
                    credentials_version = credentials_version + 1
                where id = :id""")
            .param("hash", passwordHash)
            .param("mustChange", mustChangePassword)
            .param("now", OffsetDateTime.now(clock))
            .param("id", accountId)
            .update();
    }

    /**
     * Replaces the password the person chose, as {@link #updatePassword} does, only if it is still the
     * password of {@code credentialsVersion}: the hash is computed before, outside any transaction, and
     * a change made meanwhile (a link, an admin, another device) wins.
     *
     * @return whether the password was replaced
     */
    public boolean updateChosenPassword(long accountId, int credentialsVersion, String passwordHash) {
        return jdbc.sql("""
                update account set password_hash = :hash, must_change_password = false, updated_at = :now,
                    credentials_version = credentials_version + 1
                where id = :id and credentials_version = :version""")
            .param("hash", passwordHash)
            .param("now", OffsetDateTime.now(clock))
            .param("id", accountId)
            .param("version", credentialsVersion)
            .update() == 1;
    }

    /** @return whether a permission was removed */
    public boolean revokeSchoolAdmin(long accountId, String schoolId) {
        return jdbc.sql("delete from school_admin where account_id = :id and school_id = :school")
            .param("id", accountId).param("school", schoolId).update() > 0;
    }

    /** The accounts with admin permission at the school, by email. */
    public List<Account> schoolAdmins(String schoolId) {
        return jdbc.sql("""
                select a.id, a.email, a.first_name, a.last_name, a.password_hash, a.must_change_password
                from school_admin s join account a on a.id = s.account_id
                where s.school_id = :school order by a.email_key""")
            .param("school", schoolId)
            .query(Account.class).list();
    }

    /** The account's memberships: school, role and issuedID, by school. */
    public List<Membership> memberships(long accountId) {
        return jdbc.sql("""
                select school_id, role, issued_id from membership where account_id = :id order by school_id""")
            .param("id", accountId)
            .query(Membership.class).list();
    }

    // On the membership's copies of the account's email key and names (V22): no account is read to match.
    private static final String MATCHES = """
            m.school_id = :school and (:search = '' or m.email_key like :pattern
                or lower(m.first_name) like :pattern or lower(m.last_name) like :pattern
                or lower(concat(m.first_name, ' ', m.last_name)) like :pattern
                or lower(m.issued_id) like :pattern)
            and (:status = '' or m.status = :status)""";

    // Without a search every member counts: the membership index alone answers, no account is read.
    private long countMembers(String schoolId, MembershipStatus status) {
        return jdbc.sql("select count(*) from membership where school_id = :school and (:status = '' or status = :status)")
            .param("school", schoolId)
            .param("status", status == null ? "" : status.name())
            .query(Long.class).single();
    }

    /** How many of the school's users of the status (null: any) match {@code search} (lower case). */
    public long countMatchingUsers(String schoolId, String search, MembershipStatus status) {
        if (search.isEmpty()) {
            return countMembers(schoolId, status);
        }
        return jdbc.sql("select count(*) from membership m where " + MATCHES)
            .param("school", schoolId)
            .param("search", search)
            .param("pattern", "%" + search + "%")
            .param("status", status == null ? "" : status.name())
            .query(Long.class).single();
    }

    // By name: the order of the index membership_name_order.
    static final String MATCHING_USERS_PAGE = usersPage(MATCHES, "m.last_name, m.first_name, m.email_key");

    /** A page of the school's users of the status (null: any) matching {@code search} (lower case) in name, email or issuedID. */
    public List<SchoolUser> findMatchingUsers(String schoolId, String search, MembershipStatus status,
            PageRequest request) {
        return jdbc.sql(MATCHING_USERS_PAGE)
            .param("school", schoolId)
            .param("search", search)
            .param("pattern", "%" + search + "%")
            .param("status", status == null ? "" : status.name())
            .param("size", request.size())
            .param("offset", request.offset())
            .query(SchoolUser.class).list();
    }

    /** The school's member with exactly that issuedID, if any (issuedIDs are unique at a school). */
    public java.util.Optional<SchoolUser> findUserByIssuedId(String schoolId, String issuedId) {
        return jdbc.sql(SCHOOL_USERS + "where m.school_id = :school and m.issued_id = :issued")
            .param("school", schoolId).param("issued", issuedId)
            .query(SchoolUser.class).optional();
    }
}
