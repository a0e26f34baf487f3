package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rollcall.ApiTestSupport;
import io.rollcall.paging.PageRequest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * PostgreSQL's plans for users pages in a district: two schools of 2,200 members and one of 50,000
 * sharing the accounts table. The first pages of either order are read from an index of the school's memberships in that
 * order (only the page's 50 rows may be sorted again once joined to their accounts), and no page reads
 * more accounts than it shows.
 */
@ActiveProfiles({"test", "postgres"})
class UsersPagePlanPostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    private String schoolOf2200() throws Exception {
        var school = school(false);
        var rows = IntStream.range(0, 2200).mapToObj(i -> String.join(",", "First" + i,
                "Last" + String.format("%05d", i * 7919 % 100000), "plan" + i + "." + school + "@example.com",
                i % 10 == 0 ? "1" : "0", "P" + i, school))
            .collect(Collectors.joining("\n"));
        var report = importFile(admin(school), csv(HEADER, rows));
        assertThat((Integer) report.read("$.created")).isEqualTo(2200);
        return school;
    }

    private String plan(String sql, String school, int offset) {
        return String.join("\n", jdbc.sql("explain " + sql)
            .param("school", school).param("search", "").param("pattern", "%%").param("status", "")
            .param("size", 50).param("offset", offset)
            .query(String.class).list());
    }

    // The rows each Sort node of the plan expects: the page's own rows may be put in order again after
    // their accounts are joined; the school's members may not.
    private static java.util.List<Integer> rowsSorted(String plan) {
        return java.util.regex.Pattern.compile("Sort  \\(cost=[0-9.]+ rows=(\\d+)").matcher(plan).results()
            .map(match -> Integer.parseInt(match.group(1))).toList();
    }

    @Test
    void usersPagesComeFromAnIndexOfTheSchoolInItsOrder() throws Exception {
        var school = schoolOf2200();
        schoolOf2200();
        // The rest of a district: 50,000 members of another school (the accounts the others share).
        var district = school(false);
        jdbc.sql("""
                insert into account (email, email_key, first_name, last_name, home_school_id, created_at, updated_at)
                select 'd' || i || '.' || :school || '@example.com', 'd' || i || '.' || lower(:school) || '@example.com',
                    'F' || i, 'L' || i, :school, now(), now()
                from generate_series(1, 50000) i""").param("school", district).update();
        jdbc.sql("""
                insert into membership (account_id, school_id, role, issued_id, created_at, email_key, first_name, last_name)
                select id, :school, 'STUDENT', 'D' || id, now(), email_key, first_name, last_name
                from account where home_school_id = :school""").param("school", district).update();
        jdbc.sql("analyze account").update();
        jdbc.sql("analyze membership").update();

        for (int offset : new int[] {0, 100}) {
            var byName = plan(AccountRepository.MATCHING_USERS_PAGE, school, offset);
            assertThat(byName).as(byName).contains("Index Scan using membership_name_order on membership");
            assertThat(rowsSorted(byName)).as(byName).allMatch(rows -> rows <= 50);
            var byEmail = plan(AccountRepository.USERS_PAGE, school, offset);
            assertThat(byEmail).as(byEmail).contains("Index Scan using membership_email_order on membership");
            assertThat(rowsSorted(byEmail)).as(byEmail).allMatch(rows -> rows <= 50);
        }
        // Any page reads only its own accounts, by key; on the last page PostgreSQL may sort the school's
        // memberships rather than walk all of them in index order (its cost model's choice).
        for (int offset : new int[] {0, 100, 2150}) {
            for (var query : new String[] {AccountRepository.MATCHING_USERS_PAGE, AccountRepository.USERS_PAGE}) {
                var plan = plan(query, school, offset);
                assertThat(plan).as(plan).contains("Index Scan using account_pkey on account")
                    .doesNotContain("Seq Scan on account").doesNotContain("Hash Join");
            }
        }
        var page = accounts.searchUsers(school, "", null, new PageRequest(0, 50));
        assertThat(page.total()).isEqualTo(2200);
        assertThat(page.items()).hasSize(50);
        assertThat(page.items().stream().map(SchoolUser::lastName).toList()).isSorted();
        // Paged through by email as SCIM and the API do: every member once, none of the other school.
        var seen = new java.util.HashSet<String>();
        for (int p = 0; p < 44; p++) {
            accounts.users(school, "", null, new PageRequest(p, 50)).items().forEach(user -> seen.add(user.email()));
        }
        assertThat(seen).hasSize(2200).allMatch(email -> email.endsWith("." + school + "@example.com"));
    }
}
