package io.rollcall.school;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.rollcall.db.Dialect;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SchoolRepository {

    // Named as School's components: the row mapper then finds each column at the first try (a miss
    // costs the JDBC driver an exception, on every row of every page).
    private static final String COLUMNS = "school_id as schoolId, name, custom_password_overrides_existing as "
        + "customPasswordOverridesExisting, uploads_reactivate as uploadsReactivate, locale";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Dialect dialect;

    SchoolRepository(JdbcClient jdbc, Clock clock, Dialect dialect) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dialect = dialect;
    }

    /**
     * Locks the school's row until the transaction ends, as an import's apply step does, so that a
     * change to its members and an import of the school take turns. Its key stays unlocked: what only
     * refers to the school (an admin grant, another school's import) does not wait.
     */
    public void lock(String schoolId) {
        jdbc.sql("select school_id from school where school_id = :id " + dialect.lockForWriting())
            .param("id", schoolId).query(String.class).list();
    }

    /** Inserts the school; false when one with that id exists already. */
    public boolean insert(School school) {
        return jdbc.sql("""
                insert into school (school_id, name, custom_password_overrides_existing, uploads_reactivate, locale, created_at)
                select :id, :name, :overrides, :reactivate, :locale, :now
                where not exists (select 1 from school where school_id = :id)""")
            .param("id", school.schoolId())
            .param("name", school.name())
            .param("overrides", school.customPasswordOverridesExisting())
            .param("reactivate", school.uploadsReactivate())
            .param("locale", school.locale())
            .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
            .update() == 1;
    }

    public Optional<School> find(String schoolId) {
        return jdbc.sql("select " + COLUMNS + " from school where school_id = :id")
            .param("id", schoolId)
            .query(School.class).optional();
    }

    public List<School> findAll() {
        return jdbc.sql("select " + COLUMNS + " from school order by school_id")
            .query(School.class).list();
    }

    public List<School> findAll(Collection<String> schoolIds) {
        if (schoolIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from school where school_id in (:ids) order by school_id")
            .param("ids", schoolIds)
            .query(School.class).list();
    }

    public void update(School school) {
        jdbc.sql("""
                update school set name = :name, custom_password_overrides_existing = :overrides,
                    uploads_reactivate = :reactivate, locale = :locale
                where school_id = :id""")
            .param("id", school.schoolId())
            .param("name", school.name())
            .param("overrides", school.customPasswordOverridesExisting())
            .param("reactivate", school.uploadsReactivate())
            .param("locale", school.locale())
            .update();
    }
}
