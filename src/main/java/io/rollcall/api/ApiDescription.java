package io.rollcall.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.rollcall.error.ErrorCode;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI description at {@code /v3/api-docs} (part of the contract): the API's operations
 * only, the bearer scheme, and the {@code Problem} schema every error answer has.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI rollcallOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Rollcall API").version("v1").description("""
                Account provisioning for schools: upload a CSV roster, follow the import, read its row \
                errors and download the failed rows. Get a bearer token from `POST /api/v1/tokens` with \
                HTTP Basic. Every error is an RFC 9457 problem detail with a stable `code`."""))
            // Relative: the description holds wherever Rollcall runs, and stays one file.
            .servers(List.of(new Server().url("/")))
            .addSecurityItem(new SecurityRequirement().addList(BEARER))
            .components(new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("A token from POST /api/v1/tokens"))
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("Email and password; accepted only by POST /api/v1/tokens"))
                .addSchemas("ErrorCode", of("string").description("The stable key of an error")
                    ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
                .addSchemas("Problem", problemSchema()));
    }

    /** A schema of one JSON type, as OpenAPI 3.1 writes it (a type list). */
    static Schema<Object> of(String type) {
        return new Schema<>().types(new LinkedHashSet<>(List.of(type)));
    }

    private static Schema<Object> problemSchema() {
        return of("object").description("An RFC 9457 problem detail with Rollcall's code")
            .addProperty("type", of("string").format("uri-reference").examples(List.of("/problems/missing-fields")))
            .addProperty("title", of("string").examples(List.of("Unprocessable Content")))
            .addProperty("status", of("integer").format("int32").examples(List.of(422)))
            .addProperty("detail", of("string").description("The message, for people")
                .examples(List.of("Missing required fields: email, schoolID")))
            .addProperty("instance", of("string").format("uri-reference"))
            .addProperty("code", new Schema<>().$ref("#/components/schemas/ErrorCode"))
            .addProperty("missingFields", of("array").items(of("string"))
                .description("MISSING_FIELDS: the required columns missing").examples(List.of(List.of("email", "schoolID"))))
            .addProperty("foundFields", of("array").items(of("string"))
                .description("MISSING_FIELDS: the columns the header has"))
            .required(List.of("type", "title", "status", "detail", "code"));
    }

    /** The two public template downloads, served as static files (so springdoc does not see them). */
    @Bean
    OpenApiCustomizer templateDownloads() {
        return openApi -> {
            for (var name : List.of("template", "example")) {
                var csv = new Content().addMediaType("text/csv", new MediaType().schema(of("string")));
                var operation = new Operation().operationId("download" + Character.toUpperCase(name.charAt(0))
                    + name.substring(1)).summary("The Create Users " + name + " (no sign-in)").addTagsItem("Templates")
                    .security(List.of()).responses(new ApiResponses().addApiResponse("200",
                        new ApiResponse().description("The CSV file").content(csv)));
                openApi.path("/templates/create-users-" + name + ".csv", new PathItem().get(operation));
            }
        };
    }

    /** Adds the {@link Problems} of each operation, with the headers that come with some of them. */
    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            var problems = handler.getMethodAnnotation(Problems.class);
            if (problems != null) {
                for (int status : problems.value()) {
                    operation.getResponses().addApiResponse(String.valueOf(status), problem(status));
                }
            }
            return operation;
        };
    }

    static ApiResponse problem(int status) {
        var response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase())
            .content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
        var header = HEADERS.get(status);
        return header == null ? response : response.headers(Map.of(header.name(), new Header()
            .required(header.required()).description(header.description()).schema(of("string"))));
    }

    private record ProblemHeader(String name, String description, boolean required) {
    }

    private static final Map<Integer, ProblemHeader> HEADERS = Map.of(
        401, new ProblemHeader("WWW-Authenticate", "The scheme to sign in with", true),
        429, new ProblemHeader("Retry-After", "Seconds to wait before trying again", true),
        503, new ProblemHeader("Retry-After", "Seconds to wait before trying again: sent with SERVER_BUSY", false));
}
