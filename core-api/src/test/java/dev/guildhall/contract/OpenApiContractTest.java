package dev.guildhall.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract {@code openapi/openapi.yaml} is exactly what core-api serves, and it follows the
 * project's conventions. Every test's answers are checked against it ({@code ContractValidation}); redocly lints
 * it in the openapi module's {@code verify}. After an intended API change, regenerate it with
 * {@code mvn -B -ntp -pl core-api -am verify -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true}
 * and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("..", "openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void committedContractMatchesWhatIsServed() throws Exception {
        String served = RestAssured.get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).exists();
        JsonNode committed = YAML.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(committed)
                .withFailMessage("openapi/openapi.yaml differs from what core-api serves; if the change is intended, "
                        + "regenerate it (see this test's javadoc) and review the diff")
                .isEqualTo(YAML.readTree(served));
    }

    /**
     * The project's own conventions, which no general linter knows (redocly lints the rest in the openapi module):
     * every operation lists the shared statuses, every POST takes an Idempotency-Key, every error answer is a
     * problem body, and every JSON answer has a real schema.
     */
    @Test
    void everyOperationFollowsTheConventions() throws Exception {
        JsonNode doc = YAML.readTree(RestAssured.get("/q/openapi").then().extract().asString());
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) continue;
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) continue;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                for (String status : List.of("400", "401", "403", "429", "503")) {
                    if (!responses.has(status)) problems.add(where + ": no " + status + " response");
                }
                if (op.getKey().equals("post") && !op.getValue().path("parameters").toString().contains("IdempotencyKey")) {
                    problems.add(where + ": POST without the Idempotency-Key header");
                }
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    JsonNode answer = r.getValue().has("$ref") ? resolve(doc, r.getValue()) : r.getValue();
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        if (!answer.path("content").path("application/problem+json").path("schema").has("$ref")) {
                            problems.add(where + ": " + r.getKey() + " without an application/problem+json body");
                        }
                    } else if (answer.path("content").path("application/json").has("schema")
                            && answer.path("content").path("application/json").path("schema").isEmpty()) {
                        problems.add(where + ": " + r.getKey() + " with an empty schema");
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> rs = doc.path("components").path("responses").fields(); rs.hasNext(); ) {
            Map.Entry<String, JsonNode> r = rs.next();
            if (r.getValue().path("content").path("application/problem+json").path("examples").isEmpty()) {
                problems.add("response " + r.getKey() + ": no example");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static JsonNode resolve(JsonNode doc, JsonNode ref) {
        return doc.at(ref.get("$ref").asText().substring(1));
    }
}
