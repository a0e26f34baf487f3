package io.rollcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * One owner per table: the SQL in {@code src/main} names each table only in the module that owns
 * it, but for the named exception, the set-based statements of an import that cross modules
 * because that is what makes a large file cost a dozen statements.
 */
class TableOwnershipTests {

    static final Map<String, String> OWNERS = Map.ofEntries(
        Map.entry("school", "school"),
        Map.entry("account", "account"), Map.entry("membership", "account"), Map.entry("operator", "account"),
        Map.entry("school_admin", "account"), Map.entry("password_link", "account"),
        Map.entry("api_token", "auth"), Map.entry("api_key", "auth"), Map.entry("login_failure", "auth"),
        Map.entry("spring_session", "auth"), Map.entry("spring_session_attributes", "auth"),
        Map.entry("audit_event", "audit"),
        Map.entry("outbox", "mail"),
        Map.entry("import_job", "importing"), Map.entry("import_school", "importing"),
        Map.entry("import_file_chunk", "importing"), Map.entry("import_row", "importing"),
        Map.entry("import_removal", "importing"),
        Map.entry("import_error", "importing"), Map.entry("import_warning", "importing"),
        Map.entry("import_deactivation", "importing"),
        Map.entry("flyway_schema_history", "config"));

    // The named exception (docs/architecture.md): files allowed to name these other modules' tables.
    static final Map<String, Set<String>> EXCEPTIONS = Map.of(
        "importing/apply/Applier.java", Set.of("school", "account", "membership", "school_admin"),
        "importing/apply/RosterSync.java", Set.of("account", "membership"),
        "mail/WelcomeEmailQueue.java", Set.of("import_row", "account"));

    private static final Pattern SQL_TABLE = Pattern.compile(
        "\\b(?:from|join|into|update|table|merge into)\\s+([a-z_]+)\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableIsNamedOnlyByItsOwner() throws IOException {
        var root = Path.of("src", "main", "java", "io", "rollcall");
        var strays = new ArrayList<String>();
        try (var files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var relative = root.relativize(file).toString().replace('\\', '/');
                var module = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
                var matcher = SQL_TABLE.matcher(Files.readString(file));
                while (matcher.find()) {
                    var table = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
                    var owner = OWNERS.get(table);
                    if (owner != null && !owner.equals(module)
                            && !EXCEPTIONS.getOrDefault(relative, Set.of()).contains(table)) {
                        strays.add(relative + " names " + table + ", which " + owner + " owns");
                    }
                }
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void theCheckFindsAStrayTable() {
        var matcher = SQL_TABLE.matcher("select id from account a join school_admin s on s.account_id = a.id");
        var tables = new ArrayList<String>();
        while (matcher.find()) {
            tables.add(matcher.group(1));
        }
        assertThat(tables).containsExactly("account", "school_admin");
    }
}
