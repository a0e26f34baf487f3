package io.rollcall.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.rollcall.account.SchoolUser;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.RollcallException;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * SCIM 2.0 at {@code /scim/v2}, for a school's API key: discovery and Users. A protocol of its own
 * (its schemas are at /Schemas), so it is left out of the OpenAPI description.
 */
@Hidden
@RestController
@RequestMapping(path = ScimController.BASE, produces = {ScimController.SCIM_JSON, MediaType.APPLICATION_JSON_VALUE})
class ScimController {

    static final String BASE = "/scim/v2";
    static final String SCIM_JSON = "application/scim+json";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MAX_COUNT = 1000;

    private final ScimUsers users;

    ScimController(ScimUsers users) {
        this.users = users;
    }

    @GetMapping("/ServiceProviderConfig")
    Map<String, Object> serviceProviderConfig(@AuthenticationPrincipal CurrentUser key, HttpServletRequest http) {
        schoolOf(key);
        return ScimDiscovery.serviceProviderConfig(base(http));
    }

    @GetMapping("/ResourceTypes")
    Map<String, Object> resourceTypes(@AuthenticationPrincipal CurrentUser key, HttpServletRequest http) {
        schoolOf(key);
        return ScimDiscovery.list(List.of(ScimDiscovery.userResourceType(base(http))), 1, 1);
    }

    @GetMapping("/ResourceTypes/User")
    Map<String, Object> userResourceType(@AuthenticationPrincipal CurrentUser key, HttpServletRequest http) {
        schoolOf(key);
        return ScimDiscovery.userResourceType(base(http));
    }

    @GetMapping("/Schemas")
    Map<String, Object> schemas(@AuthenticationPrincipal CurrentUser key, HttpServletRequest http) {
        schoolOf(key);
        return ScimDiscovery.list(List.of(ScimDiscovery.userSchema(base(http))), 1, 1);
    }

    @GetMapping("/Schemas/{id}")
    Map<String, Object> schema(@AuthenticationPrincipal CurrentUser key, @PathVariable String id, HttpServletRequest http) {
        schoolOf(key);
        if (!ScimUser.SCHEMA.equals(id)) {
            throw new ScimException(404, null, "No schema " + id);
        }
        return ScimDiscovery.userSchema(base(http));
    }

    @GetMapping("/Users")
    Map<String, Object> list(@AuthenticationPrincipal CurrentUser key, @RequestParam(required = false) String filter,
            @RequestParam(required = false) Integer startIndex, @RequestParam(required = false) Integer count,
            HttpServletRequest http) {
        var school = schoolOf(key);
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? 100 : Math.max(0, Math.min(count, MAX_COUNT));
        var found = users.list(school, ScimFilter.parse(filter), start, size);
        return ScimDiscovery.list(found.users().stream().map(user -> resource(user, http)).toList(), found.total(), start);
    }

    @GetMapping("/Users/{id}")
    Map<String, Object> get(@AuthenticationPrincipal CurrentUser key, @PathVariable String id, HttpServletRequest http) {
        return resource(users.get(schoolOf(key), id), http);
    }

    @PostMapping(path = "/Users", consumes = {SCIM_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal CurrentUser key,
            @RequestBody Map<String, Object> body, HttpServletRequest http) {
        var created = resource(users.create(schoolOf(key), body, key), http);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", location(created, http))
            .contentType(MediaType.parseMediaType(SCIM_JSON)).body(created);
    }

    @PutMapping(path = "/Users/{id}", consumes = {SCIM_JSON, MediaType.APPLICATION_JSON_VALUE})
    Map<String, Object> replace(@AuthenticationPrincipal CurrentUser key, @PathVariable String id,
            @RequestBody Map<String, Object> body, HttpServletRequest http) {
        return resource(users.replace(schoolOf(key), id, body, key), http);
    }

    @PatchMapping(path = "/Users/{id}", consumes = {SCIM_JSON, MediaType.APPLICATION_JSON_VALUE})
    Map<String, Object> patch(@AuthenticationPrincipal CurrentUser key, @PathVariable String id,
            @RequestBody Map<String, Object> body, HttpServletRequest http) {
        var school = schoolOf(key);
        if (!(body.get("Operations") instanceof List<?> operations)
                || !operations.stream().allMatch(Map.class::isInstance)) {
            throw new ScimException(400, "invalidSyntax", "A PATCH request has schemas [\"" + PATCH_OP
                + "\"] and a list of Operations");
        }
        @SuppressWarnings("unchecked")
        var ops = (List<Map<String, Object>>) operations;
        return resource(users.patch(school, id, ops, key), http);
    }

    @DeleteMapping("/Users/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser key, @PathVariable String id) {
        users.delete(schoolOf(key), id, key);
        return ResponseEntity.noContent().build();
    }

    // SCIM works for one school at a time: a school's API key says which.
    private static String schoolOf(CurrentUser caller) {
        if (caller == null || !caller.isApiKey()) {
            throw new ScimException(403, null, "SCIM needs a school's API key (Set Up, API keys), not a person's token");
        }
        return caller.apiKey().schoolId();
    }

    private static Map<String, Object> resource(SchoolUser user, HttpServletRequest http) {
        return ScimUser.of(user, base(http) + "/Users/" + org.springframework.web.util.UriUtils.encodePathSegment(
            user.email(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String location(Map<String, Object> resource, HttpServletRequest http) {
        return String.valueOf(((Map<?, ?>) resource.get("meta")).get("location"));
    }

    private static String base(HttpServletRequest http) {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(http)
            .path(BASE).build().toUriString();
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(ScimException e) {
        return error(e.status(), e.scimType(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(RollcallException e) {
        // A server's trouble stays a 5xx: identity providers retry those, and take a 400 as final.
        int status = e.code().status();
        return error(status >= 400 ? status : 400, null, e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> onUnreadable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ScimBodyLimit.TooLarge tooLarge) {
                return error(413, null, tooLarge.getMessage());
            }
        }
        return error(400, "invalidSyntax", "The request is not a SCIM JSON object");
    }

    static ResponseEntity<Map<String, Object>> error(int status, String scimType, String detail) {
        var body = new LinkedHashMap<String, Object>();
        body.put("schemas", List.of(ERROR));
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        var answer = ResponseEntity.status(status).contentType(MediaType.parseMediaType(SCIM_JSON));
        if (status == 429 || status == 503) {
            answer.header("Retry-After", "1");
        }
        return answer.body(body);
    }
}
