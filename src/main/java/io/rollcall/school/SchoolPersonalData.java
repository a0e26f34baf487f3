package io.rollcall.school;

import java.util.List;
import java.util.Map;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.stereotype.Component;

/** Schools hold nothing about people: declared so that the check of every table knows it. */
@Component
class SchoolPersonalData implements PersonalData {

    @Override
    public String section() {
        return "schools";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(PersonalTable.impersonal("school"));
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
