package io.rollcall.config;

import java.util.List;
import java.util.Map;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.stereotype.Component;

/** Flyway's record of the migrations run: nothing about people, declared for the check of every table. */
@Component
class SchemaHistoryTable implements PersonalData {

    @Override
    public String section() {
        return "schema";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(PersonalTable.impersonal("flyway_schema_history"));
    }

    @Override
    public Object export(Person person) {
        return Map.of();
    }

    @Override
    public void erase(Person person) {
        // Nothing about people.
    }
}
