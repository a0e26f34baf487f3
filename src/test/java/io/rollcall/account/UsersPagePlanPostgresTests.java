package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * PostgreSQL's plan for the first users page of a school of 2,200 members: the name index walked in
 * order, each account's membership probed, no sort of the school's members. (Pages far down a big school may still be sorted: PostgreSQL's choice, by cost.)
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
        jdbc.sql("analyze account").update();
        jdbc.sql("analyze membership").update();
        return school;
    }

    private String plan(String sql, String school) {
        return String.join("\n", jdbc.sql("explain " + sql)
            .param("school", school).param("search", "").param("pattern", "%%").param("status", "")
            .param("size", 50).param("offset", 0)
            .query(String.class).list());
    }

    @Test
    void theFirstUsersPageComesFromTheNameIndexUnsorted() throws Exception {
        var school = schoolOf2200();

        var plan = plan(AccountRepository.MATCHING_USERS_PAGE, school);

        assertThat(plan).as(plan).contains("Index Scan using account_name_order on account");
        assertThat(plan).as(plan).doesNotContain("Sort");
        var page = accounts.searchUsers(school, "", null, new io.rollcall.paging.PageRequest(0, 50));
        assertThat(page.total()).isEqualTo(2200);
        assertThat(page.items()).hasSize(50);
        assertThat(page.items().stream().map(SchoolUser::lastName).toList()).isSorted();
    }
}
