package dev.guildhall.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client and the committed contract {@code openapi.yaml} (itself checked against what core-api
 * serves) name exactly the same operations: the client calls nothing the API lacks, and covers all of it.
 */
class ContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void clientEndpointsAreExactlyTheContractsV1Operations() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        Set<String> contract = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) continue;
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) contract.add(method.toUpperCase() + " " + path.getKey());
            }
        }
        Set<String> client = new TreeSet<>();
        Endpoints.ALL.forEach(e -> client.add(e.toString()));
        assertThat(client).isEqualTo(contract);
    }
}
