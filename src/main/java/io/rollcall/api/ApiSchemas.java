package io.rollcall.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rollcall.importing.ImportMode;
import io.rollcall.importing.ImportStatus;
import io.rollcall.importing.parse.FileEncoding;
import io.rollcall.school.Languages;

import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the generated schemas cannot tell from the Java types: every property of an answer is
 * always sent (so required), which of them may be null, which strings are enums, and which
 * fields a request must carry. A name unknown to its schema makes the description fail, so this
 * stays in step with the records; the API tests check every answer against the result.
 */
@Component
class ApiSchemas implements OpenApiCustomizer {

    // Request bodies: only these fields are required; everything else is an answer.
    private static final Map<String, List<String>> REQUESTS = Map.of(
        "NewSchool", List.of("schoolId", "name"),
        "SchoolPatch", List.of(),
        "NewAdmin", List.of("email", "password"),
        "SetPassword", List.of("token", "password"),
        "UploadForm", List.of("file"),
        "NewApiKey", List.of("name"));

    private static final Map<String, Set<String>> NULLABLE = Map.of(
        "ImportReport", Set.of("fileError", "finishedAt"),
        "ReportedError", Set.of("email"), // a row without one, or after a purge
        "SchoolUser", Set.of("mustChangePassword", "hasPassword"),
        "AuditEntry", Set.of("actorEmail", "clientAddress", "target", "details"),
        "ApiKeyInfo", Set.of("createdBy", "lastUsedAt", "lastUsedAddress")); // createdBy: an erased admin

    private static final Map<String, List<String>> CODES = Map.of(
        "FileError", List.of("code"), "ReportedError", List.of("code"), "Warning", List.of("code"));

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        schemas.forEach((name, schema) -> {
            if (schema.getProperties() == null || name.equals("Problem")) {
                return;
            }
            var required = REQUESTS.getOrDefault(name, new ArrayList<String>(schema.getProperties().keySet()));
            schema.setRequired(required.isEmpty() ? null : required);
            NULLABLE.getOrDefault(name, Set.of()).forEach(property -> nullable(name, schema, property));
            CODES.getOrDefault(name, List.of()).forEach(property -> {
                property(name, schema, property);
                schema.getProperties().put(property, new Schema<>().$ref("#/components/schemas/ErrorCode"));
            });
        });
        var report = schemas.get("ImportReport");
        // RECEIVING never leaves the server: nobody sees an import before its file is stored.
        property("ImportReport", report, "status").setEnum(Arrays.stream(ImportStatus.values())
            .filter(status -> status != ImportStatus.RECEIVING).map(Enum::name).toList());
        property("ImportReport", report, "encoding").setEnum(Arrays.stream(FileEncoding.values())
            .filter(encoding -> encoding != FileEncoding.AUTO).map(FileEncoding::label).toList());
        property("ImportReport", report, "mode").setEnum(Arrays.stream(ImportMode.values()).map(ImportMode::label).toList());
        property("School", schemas.get("School"), "locale")
            .setEnum(Languages.SUPPORTED.stream().map(java.util.Locale::toLanguageTag).toList());
    }

    @SuppressWarnings("rawtypes")
    private static Schema property(String schemaName, Schema<?> schema, String name) {
        var property = schema.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException("The description names " + name + ", which is not in " + schemaName);
        }
        return property;
    }

    // OpenAPI 3.1: a type list with "null"; a reference becomes one of the referent or null.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullable(String schemaName, Schema schema, String name) {
        var property = property(schemaName, schema, name);
        if (property.get$ref() != null) {
            schema.getProperties().put(name, new Schema<>().oneOf(List.of(new Schema<>().$ref(property.get$ref()),
                new Schema<>().types(Set.of("null")))));
            return;
        }
        var types = new LinkedHashSet<String>(property.getTypes() == null ? Set.of(property.getType())
            : property.getTypes());
        types.add("null");
        property.setTypes(types);
    }
}
