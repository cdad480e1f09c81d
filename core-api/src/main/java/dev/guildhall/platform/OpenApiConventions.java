package dev.guildhall.platform;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds what every {@code /v1} operation shares to the served contract, so resources only declare
 * what is their own: the problem responses (with examples), the request-id, idempotency and actor
 * headers, and the two ways to send a key. A resource declares a status itself only when it means
 * something particular there (e.g. which states give 409); the filter never overwrites that, except an
 * error status declared without a body (the scanner's own "Bad Request"), which gets the problem body it has.
 * Runs once, when the application is built, into the document Quarkus serves; not again at every start.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    /** Relative: the API is self-hosted, so its address is wherever this document was read from. */
    private static final String SERVER = "/";

    private record Standard(String status, String name, String description, String slug, String detail) {}

    private static final List<Standard> RESPONSES = List.of(
            new Standard("400", "BadRequest", "Malformed or invalid input; `errors` names each field", "validation",
                    "format: must look like ftN with N from 1 to 10"),
            new Standard("401", "Unauthorized", "No API key, or an unknown or revoked one", "unauthorized",
                    "This API key is unknown or revoked"),
            new Standard("403", "Forbidden", "The key's scope or servers, or the actor's permissions, do not allow this",
                    "forbidden", "You need the MANAGE_SERVER permission for this"),
            new Standard("404", "NotFound", "No such resource", "not-found", "Server discord:9 is not registered"),
            new Standard("406", "NotAcceptable", "The Accept header does not take application/json, the only type this API answers in",
                    "not-acceptable", "This API answers in application/json; accept it (or */*)"),
            new Standard("409", "Conflict", "The resource's state does not allow this now", "conflict",
                    "The war is FINISHED; it cannot be accepted"),
            new Standard("413", "PayloadTooLarge", "The body is over 64 KiB", "body-too-large",
                    "The body is larger than 64 KiB"),
            new Standard("414", "UriTooLong", "The URI is longer than " + RequestLimits.MAX_URI + " characters",
                    "uri-too-long", "The URI is longer than " + RequestLimits.MAX_URI + " characters"),
            new Standard("415", "UnsupportedMediaType", "The body is not JSON", "unsupported-media-type",
                    "Send the body as application/json"),
            new Standard("422", "Unprocessable", "A rule refuses the request (or an Idempotency-Key was reused for another request)",
                    "idempotency-key-reused", "This Idempotency-Key was used for a different request"),
            new Standard("429", "TooManyRequests", "A rate limit or cooldown; wait Retry-After seconds", "rate-limited",
                    "Too many requests: 120 per 60 s; try again in 12 s"),
            new Standard("431", "HeadersTooLarge", "The headers are larger than " + RequestLimits.MAX_HEADERS / 1024 + " KiB",
                    "headers-too-large", "The headers are larger than " + RequestLimits.MAX_HEADERS / 1024 + " KiB"),
            new Standard("503", "Unavailable", "The database is unreachable; try again shortly", "database-unavailable",
                    "The database is unreachable; try again shortly"));

    private static final Map<String, String[]> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("RequestId", new String[]{RequestIds.HEADER, "Correlates logs; generated when absent and echoed on every answer", "3f0c5f0e-2d0a-4c59-9f0f-5d7b1c2d9a11"});
        HEADERS.put("IdempotencyKey", new String[]{"Idempotency-Key", "Replays return the first answer; the same key with another request is 422", "interaction-1186329612436164618"});
        HEADERS.put("ActorId", new String[]{"X-Actor-Id", "Platform keys only: the chat user this call acts for", "discord:80351110224678912"});
        HEADERS.put("ActorName", new String[]{"X-Actor-Name", "Platform keys only: the actor's display name", "Ada"});
        HEADERS.put("ActorPermissions", new String[]{"X-Actor-Permissions", "Platform keys only: comma list of MANAGE_SERVER, MODERATE_MEMBERS, KICK_MEMBERS, BAN_MEMBERS, MANAGE_MESSAGES", "MODERATE_MEMBERS,KICK_MEMBERS"});
        HEADERS.put("ActorOwner", new String[]{"X-Actor-Owner", "Platform keys only: true when the actor owns the server", "false"});
        HEADERS.put("ActorTopRole", new String[]{"X-Actor-Top-Role", "Platform keys only: position of the actor's highest role", "5"});
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        openAPI.setServers(List.of(OASFactory.createServer().url(SERVER)
                .description("The core-api this document was read from (by default http://localhost:8080)")));
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema("Problem", problemSchema());
        for (Standard s : RESPONSES) {
            components.addResponse(s.name(), problemResponse(s));
        }
        HEADERS.forEach((name, h) -> components.addParameter(name, OASFactory.createParameter()
                .name(h[0]).in(Parameter.In.HEADER).required(false).description(h[1]).example(h[2])
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("Authorization: Bearer <key>"));
        components.addSecurityScheme("apiKey", OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Api-Key").description("The same key in X-Api-Key"));
        if (openAPI.getPaths() == null) return;
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/")) return;
            item.getOperations().forEach((method, operation) -> conventions(path, method, operation));
        });
    }

    private static void conventions(String path, PathItem.HttpMethod method, Operation op) {
        op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer"),
                OASFactory.createSecurityRequirement().addScheme("apiKey")));
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (p.getIn() != Parameter.In.QUERY) continue;
                if ("limit".equals(p.getName())) {
                    p.description("Items per page, 1 to 100 (default " + PageRequest.DEFAULT_LIMIT + ")").example(PageRequest.DEFAULT_LIMIT)
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                                    .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(100))
                                    .defaultValue(PageRequest.DEFAULT_LIMIT));
                } else if ("cursor".equals(p.getName())) {
                    p.description("Opaque: the nextCursor of the previous page");
                }
            }
        }
        header(op, "RequestId");
        if (method == PathItem.HttpMethod.POST) header(op, "IdempotencyKey");
        if (!path.startsWith("/v1/admin/")) {
            for (String actor : List.of("ActorId", "ActorName", "ActorPermissions", "ActorOwner", "ActorTopRole")) header(op, actor);
        }
        response(op, "400", "401", "403", "429", "503");
        if (path.contains("{")) response(op, "404");
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            response(op, "413", "415");
        }
        // any write can lose a race to another request (409 concurrent-update / already-exists)
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            response(op, "409");
        }
        if (method == PathItem.HttpMethod.POST) response(op, "422");
        // decided before any resource runs, so possible on every operation (405 is not: it answers a method a path lacks,
        // so it belongs to no operation and is described in the document's info)
        response(op, "406", "414", "431");
    }

    private static void header(Operation op, String component) {
        op.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + component));
    }

    private static void response(Operation op, String... statuses) {
        for (String status : statuses) {
            APIResponse own = op.getResponses().getAPIResponse(status);
            if (own != null && (own.getContent() != null || own.getRef() != null)) continue;
            String name = RESPONSES.stream().filter(s -> s.status().equals(status)).findFirst().orElseThrow().name();
            op.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
        }
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The field, e.g. sides[1][0]"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("field", "message"));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().ref("#/components/schemas/FieldError");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; every error answer has this shape")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("requestId", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }

    private static APIResponse problemResponse(Standard s) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.TYPE_BASE + s.slug());
        example.put("title", s.description());
        example.put("status", Integer.parseInt(s.status()));
        example.put("detail", s.detail());
        example.put("instance", "/v1/servers/discord:9/wars");
        example.put("requestId", "3f0c5f0e-2d0a-4c59-9f0f-5d7b1c2d9a11");
        APIResponse response = OASFactory.createAPIResponse().description(s.description())
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                        .addExample(s.slug(), OASFactory.createExample().value(example))));
        if (s.status().equals("429") || s.status().equals("503")) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response;
    }
}
