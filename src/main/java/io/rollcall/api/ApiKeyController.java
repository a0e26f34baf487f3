package io.rollcall.api;

import java.util.List;

import io.rollcall.auth.ApiKeys;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** A school's API keys: made and revoked by its admins or an operator, never by a key. */
@RestController
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record NewApiKey(@Schema(example = "Nightly SIS", maxLength = ApiKeys.MAX_NAME) String name) {
    }

    record ApiKeyList(List<ApiKeys.ApiKeyInfo> items, long total) {
    }

    @PostMapping("/api/v1/schools/{schoolId}/api-keys")
    @Operation(operationId = "createApiKey", summary = "Make an API key for the school; the key is shown only in this answer")
    @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", required = true,
        description = "The key's address (to revoke it)", schema = @Schema(type = "string", format = "uri-reference")))
    @Problems({400, 401, 403, 404, 415})
    ResponseEntity<ApiKeys.CreatedApiKey> create(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @RequestBody NewApiKey body) {
        var created = keys.create(schoolId, body.name(), user);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/schools/{school}/api-keys/{id}")
            .buildAndExpand(schoolId, created.id()).encode().toUri()).body(created);
    }

    @GetMapping("/api/v1/schools/{schoolId}/api-keys")
    @Operation(operationId = "listApiKeys", summary = "The school's live API keys (never the keys themselves)")
    @Problems({401, 403, 404})
    ApiKeyList list(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId) {
        var items = keys.list(schoolId, user);
        return new ApiKeyList(items, items.size());
    }

    @DeleteMapping("/api/v1/schools/{schoolId}/api-keys/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke one of the school's API keys; it stops working at once")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Problems({401, 403, 404})
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId,
            @PathVariable String id) {
        if (!keys.revoke(schoolId, id, user)) {
            throw new RollcallException(ErrorCode.NOT_FOUND, "School " + schoolId + " has no live API key " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
