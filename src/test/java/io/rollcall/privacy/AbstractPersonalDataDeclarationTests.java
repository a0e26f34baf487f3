package io.rollcall.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every table is declared by one module as personal or not, so that export and erasure cannot
 * forget one: a new migration's table that no module declares fails here. Runs on H2 and PostgreSQL.
 */
@SpringBootTest
abstract class AbstractPersonalDataDeclarationTests {

    @Autowired
    PersonalDataRegistry registry;

    @Autowired
    List<PersonalData> modules;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void dropThrowawayTable() {
        jdbc.sql("drop table if exists pupil_note").update();
    }

    @Test
    void everyTableOfTheSchemaIsDeclaredByExactlyOneModule() {
        assertThat(registry.undeclaredTables()).isEmpty();
        var names = registry.tables().stream().map(PersonalTable::name).toList();
        assertThat(names).doesNotHaveDuplicates()
            .contains("account", "membership", "audit_event", "outbox", "import_file_chunk", "flyway_schema_history");
        assertThat(registry.tables()).filteredOn(table -> table.holds() != null).extracting(PersonalTable::name)
            .contains("account", "import_file_chunk", "login_failure").doesNotContain("school", "flyway_schema_history");
    }

    /** A module's table of notes about pupils, as a later feature might add one. */
    private static final class PupilNotes implements PersonalData {

        private final JdbcClient jdbc;

        PupilNotes(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String section() {
            return "pupilNotes";
        }

        @Override
        public List<PersonalTable> tables() {
            return List.of(PersonalTable.personal("pupil_note", "a teacher's notes about a pupil"));
        }

        @Override
        public Object export(Person person) {
            return jdbc.sql("select note from pupil_note where account_id = :id").param("id", person.accountId())
                .query(String.class).list();
        }

        @Override
        public void erase(Person person) {
            jdbc.sql("delete from pupil_note where account_id = :id").param("id", person.accountId()).update();
        }
    }

    @Test
    void aNewTableOfPersonalDataThatNoModuleDeclaresIsFoundAndOnceDeclaredIsExportedAndErased() {
        jdbc.sql("create table pupil_note (account_id bigint not null, note varchar(500) not null)").update();
        jdbc.sql("insert into pupil_note (account_id, note) values (-7, 'Needs glasses')").update();

        // Forgotten: the check names it.
        assertThat(registry.undeclaredTables()).containsExactly("pupil_note");

        // Declared: nothing is missing, the export shows the notes and the erasure deletes them.
        var withNotes = new ArrayList<>(modules);
        withNotes.add(new PupilNotes(jdbc));
        var declared = new PersonalDataRegistry(withNotes, dataSource);
        assertThat(declared.undeclaredTables()).isEmpty();
        var person = new Person(-7, "pupil@example.com");
        assertThat((Map<String, Object>) declared.export(person)).containsEntry("pupilNotes", List.of("Needs glasses"));
        declared.erase(person);
        assertThat(jdbc.sql("select count(*) from pupil_note").query(Long.class).single()).isZero();
    }
}
