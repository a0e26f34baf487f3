package io.rollcall.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a SCIM client reads first (RFC 7644 section 4): the service's features, its one resource type, its schema. */
final class ScimDiscovery {

    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimDiscovery() {
    }

    static Map<String, Object> serviceProviderConfig(String base) {
        var config = new LinkedHashMap<String, Object>();
        config.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
        config.put("documentationUri", "https://github.com/rollcall/rollcall/blob/main/docs/scim.md");
        config.put("patch", Map.of("supported", true));
        config.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        config.put("filter", Map.of("supported", true, "maxResults", 1000));
        config.put("changePassword", Map.of("supported", false));
        config.put("sort", Map.of("supported", false));
        config.put("etag", Map.of("supported", false));
        config.put("authenticationSchemes", List.of(Map.of("type", "oauthbearertoken", "name", "Bearer API key",
            "description", "A school's API key (Set Up, API keys) sent as Authorization: Bearer", "primary", true)));
        config.put("meta", Map.of("resourceType", "ServiceProviderConfig", "location", base + "/ServiceProviderConfig"));
        return config;
    }

    static Map<String, Object> userResourceType(String base) {
        var type = new LinkedHashMap<String, Object>();
        type.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"));
        type.put("id", "User");
        type.put("name", "User");
        type.put("description", "A student or instructor of the key's school");
        type.put("endpoint", "/Users");
        type.put("schema", ScimUser.SCHEMA);
        type.put("meta", Map.of("resourceType", "ResourceType", "location", base + "/ResourceTypes/User"));
        return type;
    }

    static Map<String, Object> userSchema(String base) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"));
        schema.put("id", ScimUser.SCHEMA);
        schema.put("name", "User");
        schema.put("description", "A student or instructor");
        schema.put("attributes", List.of(
            attribute("userName", "string", true, "readWrite", "server", "The person's email: unique, never changes"),
            complex("name", List.of(
                attribute("givenName", "string", true, "readWrite", "none", "First name (firstName)"),
                attribute("familyName", "string", true, "readWrite", "none", "Last name (lastName)"),
                attribute("formatted", "string", false, "readOnly", "none", "Given and family name"))),
            attribute("displayName", "string", false, "readOnly", "none", "Given and family name"),
            attribute("externalId", "string", true, "readWrite", "none", "The school's issuedID, unique at the school"),
            attribute("userType", "string", false, "readWrite", "none", "student or instructor (default student)"),
            attribute("active", "boolean", false, "readWrite", "none", "false: deactivated at the school"),
            multi("emails", "The email, as userName"),
            multi("roles", "student or instructor, as userType")));
        schema.put("meta", Map.of("resourceType", "Schema", "location", base + "/Schemas/" + ScimUser.SCHEMA));
        return schema;
    }

    private static Map<String, Object> attribute(String name, String type, boolean required, String mutability,
            String uniqueness, String description) {
        var attribute = new LinkedHashMap<String, Object>();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", false);
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("caseExact", false);
        attribute.put("mutability", mutability);
        attribute.put("returned", "default");
        attribute.put("uniqueness", uniqueness);
        return attribute;
    }

    private static Map<String, Object> complex(String name, List<Map<String, Object>> subAttributes) {
        var attribute = attribute(name, "complex", true, "readWrite", "none", "The person's name");
        attribute.put("subAttributes", subAttributes);
        return attribute;
    }

    private static Map<String, Object> multi(String name, String description) {
        var attribute = attribute(name, "complex", false, "readWrite", "none", description);
        attribute.put("multiValued", true);
        attribute.put("subAttributes", List.of(
            attribute("value", "string", false, "readWrite", "none", "The value"),
            attribute("type", "string", false, "readWrite", "none", "work"),
            attribute("primary", "boolean", false, "readWrite", "none", "The one in use")));
        return attribute;
    }

    static Map<String, Object> list(List<?> resources, long total, int startIndex) {
        var list = new LinkedHashMap<String, Object>();
        list.put("schemas", List.of(LIST));
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        list.put("Resources", resources);
        return list;
    }
}
