package dev.guildhall.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Every answer a {@code @QuarkusTest} gets through REST Assured must match the committed contract
 * {@code openapi/openapi.yaml}: its status documented for the operation, its content type listed, its body valid
 * against the schema (no undeclared field, no undeclared null). A drift fails the test that saw it.
 * Quarkus calls this before each test of every {@code @QuarkusTest} (registered in META-INF/services and loaded by
 * the class loader the test runs in, so it reaches the RestAssured the tests use): no test class can forget it.
 * Requests are not judged (tests send invalid ones on purpose), and only {@code /v1} is contract: {@code /q/...}
 * (health, metrics, the document itself) is not.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    static final Path CONTRACT = Path.of("..", "openapi", "openapi.yaml");

    private static final Filter FILTER = new V1Only();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(FILTER)) RestAssured.filters(FILTER);
    }

    /** A validator of answers against {@code contract} (an OpenAPI 3.0 document as JSON or YAML text). */
    static Filter validator(String contract) {
        return new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(contract)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build());
    }

    private static final class V1Only implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            return request.getDerivedPath().startsWith("/v1/")
                    ? Contract.VALIDATION.filter(request, response, context) : context.next(request, response);
        }
    }

    /** Read at the first /v1 call, so regenerating the document (which calls only /q/openapi) works while it is broken. */
    private static final class Contract {
        static final Filter VALIDATION = validator(read(CONTRACT));
    }

    static String read(Path contract) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode doc = yaml.readTree(contract.toFile());
            nullableReferences(doc);
            return yaml.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * OpenAPI 3.0 has no null type, so a nullable reference is written {@code nullable: true, allOf: [{$ref}]}
     * (SmallRye writes it so, client generators read it so). The validator applies {@code nullable} to the outer
     * schema only and still requires null to match the reference; this says the same thing in a form it reads:
     * {@code anyOf: [{$ref}, {nullable: true, enum: [null]}]}.
     */
    private static void nullableReferences(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("nullable").asBoolean() && o.path("allOf") instanceof ArrayNode all
                && all.size() == 1) {
            ObjectNode onlyNull = o.objectNode().put("nullable", true);
            if (o.has("type")) onlyNull.set("type", o.get("type"));
            onlyNull.putArray("enum").addNull();
            o.remove("allOf");
            o.putArray("anyOf").add(all.get(0)).add(onlyNull);
        }
        node.forEach(ContractValidation::nullableReferences);
    }
}
