package io.rollcall.privacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every module's {@link PersonalData}, put together: one person's export, their erasure, and the
 * check that the database holds no table that no module declared.
 */
@Service
public class PersonalDataRegistry {

    private final List<PersonalData> modules;
    private final DataSource dataSource;

    PersonalDataRegistry(List<PersonalData> modules, DataSource dataSource) {
        this.modules = modules.stream().sorted(Comparator.comparingInt(PersonalData::erasureOrder)
            .thenComparing(PersonalData::section)).toList();
        this.dataSource = dataSource;
    }

    /** Everything held about the person, one section per module that keeps personal data. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(Person person) {
        var export = new LinkedHashMap<String, Object>();
        modules.stream()
            .filter(module -> module.tables().stream().anyMatch(table -> table.holds() != null))
            .sorted(Comparator.comparing(PersonalData::section))
            .forEach(module -> export.put(module.section(), module.export(person)));
        return export;
    }

    /** Erases the person from every module, in one transaction: all of it or nothing. */
    @Transactional
    public void erase(Person person) {
        modules.forEach(module -> module.erase(person));
    }

    /** The declared tables, by name. */
    public List<PersonalTable> tables() {
        var tables = new ArrayList<PersonalTable>();
        modules.forEach(module -> tables.addAll(module.tables()));
        tables.sort(Comparator.comparing(PersonalTable::name));
        return tables;
    }

    /** The tables of the application's schema that no module declares: each is a gap in export and erasure. */
    public List<String> undeclaredTables() {
        var declared = new TreeSet<String>();
        tables().forEach(table -> declared.add(table.name()));
        var undeclared = new TreeSet<String>();
        try (var connection = dataSource.getConnection()) {
            var schema = connection.getSchema();
            try (var rows = connection.getMetaData().getTables(connection.getCatalog(), schema, "%",
                    new String[] {"TABLE"})) {
                while (rows.next()) {
                    var name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!declared.contains(name)) {
                        undeclared.add(name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the database's tables", e);
        }
        return List.copyOf(undeclared);
    }
}
