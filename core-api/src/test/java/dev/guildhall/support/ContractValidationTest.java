package dev.guildhall.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract check every test runs under: present without asking, and it fails on a real drift. */
@QuarkusTest
class ContractValidationTest {

    @Test
    void everyTestIsCheckedWithoutAskingForIt() {
        assertThat(RestAssured.filters()).anyMatch(f -> f.getClass().getEnclosingClass() == ContractValidation.class);
    }

    @Test
    void anUndocumentedStatusFailsTheTest() {
        Filter createdUndocumented = contractWhere(doc -> ((ObjectNode) doc.at("/paths/~1v1~1admin~1api-keys/post/responses")).remove("201"));
        assertThatThrownBy(() -> Api.admin().filter(createdUndocumented)
                .body(Map.of("name", "drift", "kind", "platform", "scopes", List.of(), "servers", List.of()))
                .post("/v1/admin/api-keys"))
                .hasMessageContaining("validation.response.status.unknown");
    }

    @Test
    void anUndeclaredNullFailsTheTest() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String war = Api.as(owner).body(Map.of("game", "chess", "format", "ft1",
                        "sides", List.of(List.of(owner), List.of(Api.newUser()))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(201).extract().path("id");
        Filter winnerNeverNull = contractWhere(doc -> ((ObjectNode) doc.at("/components/schemas/War/properties/winner")).remove("nullable"));
        assertThatThrownBy(() -> Api.as(owner).filter(winnerNeverNull).get("/v1/wars/" + war))
                .hasMessageContaining("/winner");
        Api.as(owner).get("/v1/wars/" + war).then().statusCode(200); // the committed contract declares it nullable
    }

    private static Filter contractWhere(Consumer<JsonNode> change) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode doc = yaml.readTree(ContractValidation.read(ContractValidation.CONTRACT));
            change.accept(doc);
            return ContractValidation.validator(yaml.writeValueAsString(doc));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
