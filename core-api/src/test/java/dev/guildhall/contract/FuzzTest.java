package dev.guildhall.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guildhall.support.Api;
import dev.guildhall.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Property-based fuzzing of every operation in {@code openapi/openapi.yaml} (DESIGN §9: never a 500 for client input).
 * For each operation, random requests built from the document: path parameters valid or hostile, the documented query
 * parameters with random values, actor and idempotency headers, and bodies generated from the operation's schema and
 * then mutated (NUL, lone surrogates, 10k strings, deep nesting, huge numbers, wrong types, duplicate and unknown
 * keys, malformed JSON). Every answer must be below 500, a status the document lists for the operation, and, when
 * an error, an {@code application/problem+json} body that names its status. QuickTheories generates and shrinks a
 * failing request to a small one; its seed is printed to reproduce it. Bounded: {@link #EXAMPLES} per operation.
 */
@QuarkusTest
class FuzzTest {

    static final int EXAMPLES = 60;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Writes every non-ASCII character as a {@code \\uXXXX} escape, so lone surrogates reach the service as sent. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

    /** Strings that have broken services before. */
    static final List<String> HOSTILE = List.of("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "x".repeat(10_000),
            "💥", "Zoë", "'; drop table server;--", "${jndi:ldap://x}", "%00", "../../etc/passwd", "discord:0", "discord:047",
            "slack:t1", "null", "-1", "0", "1e400", "99999999999999999999999", "NaN", "Infinity", "\n", "\t", "<script>",
            "discord:" + "9".repeat(30), "\u202e", "\ufeff");

    private static JsonNode doc;
    private static Fixtures fixtures;

    /** Things that exist, so that generated requests reach past the 404s. */
    record Fixtures(String owner, String rival, String server, String war, String keyId, String platformKey) {}

    /** One generated request. */
    record Call(String key, Map<String, String> path, Map<String, String> query, Map<String, String> headers,
                String contentType, String body) {
        @Override
        public String toString() { // what QuickTheories prints for the smallest failing request
            return "key=" + key + " path=" + path + " query=" + query + " headers=" + headers + " type=" + contentType
                    + " body=" + (body == null ? null : body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** Loaded in the test, not before all: RestAssured points at the application's random port only then. */
    static void load() throws Exception {
        doc = YAML.readTree(Files.readString(Path.of("..", "openapi", "openapi.yaml"), StandardCharsets.UTF_8));
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String rival = Api.newUser();
        String war = Api.as(owner).body(Map.of("game", "chess", "format", "ft3", "duration", "1h",
                        "sides", List.of(List.of(owner), List.of(rival))))
                .post("/v1/servers/" + server + "/wars").then().statusCode(201).extract().path("id");
        Api.moderator(Api.newUser()).body(Map.of("type", "warn", "target", Map.of("user", Api.newUser()), "reason", "fuzz"))
                .post("/v1/servers/" + server + "/cases").then().statusCode(201);
        String platformKey = Api.createKey("fuzz-platform", "platform", List.of(), List.of());
        String keyId = (String) Api.listedKey("fuzz-platform").get("id");
        fixtures = new Fixtures(owner, rival, server, war, keyId, platformKey);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersRandomInputWithADocumentedStatusAndNeverA5xx() throws Exception {
        load();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) continue;
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) continue;
                String template = path.getKey();
                tests.add(DynamicTest.dynamicTest(method.toUpperCase() + " " + template, () ->
                        qt().withExamples(EXAMPLES).withShrinkCycles(30)
                                .forAll(calls(template, method, op))
                                .checkAssert(call -> answersWell(template, method, op, call))));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(29);
        return tests.stream();
    }

    private static void answersWell(String template, String method, JsonNode op, Call call) {
        Response r = send(template, method, call);
        int status = r.statusCode();
        assertThat(status).as("status of %s %s", method.toUpperCase(), template).isLessThan(500);
        JsonNode responses = op.path("responses");
        assertThat(responses.has(String.valueOf(status)) || responses.has("default"))
                .as("%d is documented for %s %s (documented: %s)", status, method.toUpperCase(), template, names(responses))
                .isTrue();
        if (status >= 400) {
            assertThat(r.contentType()).as("content type of a %d", status).startsWith("application/problem+json");
            JsonNode problem = read(r.asString());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("type").asText()).isNotBlank();
            assertThat(problem.path("title").asText()).isNotBlank();
        }
    }

    private static Response send(String template, String method, Call call) {
        RequestSpecification spec = RestAssured.given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        if (call.key() != null) spec.header("Authorization", "Bearer " + call.key());
        call.headers().forEach(spec::header);
        if (call.body() != null) {
            spec.contentType(call.contentType()).body(call.body().getBytes(StandardCharsets.UTF_8));
        }
        String path = template;
        for (Map.Entry<String, String> p : call.path().entrySet()) {
            path = path.replace("{" + p.getKey() + "}", encodePathSegment(p.getValue()));
        }
        StringBuilder query = new StringBuilder();
        call.query().forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(encodePathSegment(value)));
        spec.urlEncodingEnabled(false);
        return spec.request(method.toUpperCase(), path + query);
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    private static Gen<Call> calls(String template, String method, JsonNode op) {
        JsonNode body = bodySchema(op);
        return rs -> {
            String key = pick(rs, 20, fixtures.platformKey(), 4, TestDatabase.ADMIN_KEY, 2, null, 1, "ghk_" + "x".repeat(43));
            Map<String, String> path = new LinkedHashMap<>();
            for (String name : pathParameters(template)) path.put(name, pathValue(rs, template, name));
            Map<String, String> query = new LinkedHashMap<>();
            for (JsonNode p : parameters(op)) {
                if ("query".equals(p.path("in").asText()) && Generate.booleans().generate(rs)) {
                    query.put(p.path("name").asText(), queryValue(rs, p.path("name").asText()));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (rangeOf(rs, 0, 3) > 0) headers.put("X-Actor-Id", pick(rs, 6, fixtures.owner(), 2, fixtures.rival(), 1, header(rs)));
            if (Generate.booleans().generate(rs)) {
                headers.put("X-Actor-Permissions", pick(rs, 4, "MANAGE_SERVER,BAN_MEMBERS,KICK_MEMBERS,MODERATE_MEMBERS,MANAGE_MESSAGES",
                        2, "", 1, header(rs)));
            }
            if (Generate.booleans().generate(rs)) headers.put("X-Actor-Owner", pick(rs, 3, "true", 3, "false", 1, header(rs)));
            if (Generate.booleans().generate(rs)) headers.put("X-Actor-Top-Role", pick(rs, 3, "5", 1, "-3", 1, header(rs)));
            if (Generate.booleans().generate(rs)) headers.put("X-Actor-Name", header(rs));
            if ("post".equals(method) && Generate.booleans().generate(rs)) headers.put("Idempotency-Key", header(rs));
            if (rangeOf(rs, 0, 4) == 0) headers.put("X-Request-Id", header(rs));
            String contentType = null;
            String text = null;
            if (body != null || rangeOf(rs, 0, 9) == 0) {
                contentType = pick(rs, 12, "application/json", "patch".equals(method) ? 4 : 0, "application/merge-patch+json",
                        1, "text/plain", 1, "application/xml");
                text = body(rs, body);
            }
            return new Call(key, path, query, headers, contentType, text);
        };
    }

    private static String pathValue(RandomnessSource rs, String template, String name) {
        String valid = switch (name) {
            case "server" -> fixtures.server();
            case "user" -> fixtures.owner();
            case "number", "n" -> "1";
            case "platform" -> pick(rs, 1, "discord", 1, "slack");
            case "id" -> template.startsWith("/v1/wars") ? fixtures.war()
                    : template.startsWith("/v1/admin") ? fixtures.keyId() : "1";
            default -> "x";
        };
        String value = pick(rs, 6, valid, 1, "discord:" + rangeOf(rs, 1, 1_000_000), 2, hostile(rs));
        // an empty segment addresses another path (/v1/wars//accept is /v1/wars/accept), not this operation
        return value.isEmpty() ? " " : value;
    }

    private static String queryValue(RandomnessSource rs, String name) {
        String valid = switch (name) {
            case "limit" -> String.valueOf(rangeOf(rs, -5, 150));
            case "game" -> "chess";
            case "status" -> pick(rs, 1, "ACTIVE", 1, "expired", 1, "PENDING");
            case "type" -> pick(rs, 1, "warn", 1, "ban");
            case "player", "actor", "target", "moderator" -> fixtures.owner();
            case "action" -> "case.warn";
            case "cursor" -> pick(rs, 1, "eyJpZCI6MX0", 1, "e30");
            default -> "x";
        };
        return pick(rs, 3, valid, 2, hostile(rs));
    }

    /** A header value an HTTP client will send (no control characters), hostile where it can be. */
    private static String header(RandomnessSource rs) {
        return pick(rs, 3, Generate.pick(List.of("", "x", "discord:", "discord:047", "GOD_MODE", "-1", "99999999999999999999",
                "Zo\u00eb", "a".repeat(300), "slack:t1", "discord:1,discord:2")).generate(rs), 1, "k-" + rangeOf(rs, 0, 1_000_000));
    }

    private static String hostile(RandomnessSource rs) {
        return Generate.pick(HOSTILE).generate(rs);
    }

    /** A body for the schema (or any JSON when there is none), then mutated as an attacker would. */
    private static String body(RandomnessSource rs, JsonNode schema) {
        String valid = schema == null ? "{}" : write(instance(rs, schema, 0));
        return switch (rangeOf(rs, 0, 11)) {
            case 0, 1, 2, 3 -> valid;
            case 4 -> mutateOneField(rs, valid);
            case 5 -> mutateOneField(rs, mutateOneField(rs, valid));
            case 6 -> duplicateKey(valid);
            case 7 -> "[".repeat(rangeOf(rs, 1, 3000)) + "]".repeat(rangeOf(rs, 0, 2)); // deep or broken nesting
            case 8 -> Generate.pick(List.of("", "null", "[]", "\"x\"", "42", "{", "{\"a\":}", "{\"a\":1e99999}", "\u0000",
                    "{\"\\u0000\":1}", "{\"x\":\"\\ud800\"}", "{\"x\":\"\\u0000\"}", "not json")).generate(rs);
            case 9 -> valid.startsWith("{") && valid.length() > 2
                    ? "{\"unknownField\":" + write(JSON.valueToTree(hostile(rs))) + "," + valid.substring(1) : valid;
            default -> "{\"a\":" + "{\"a\":".repeat(rangeOf(rs, 100, 2000)) + "1" + "}".repeat(2001);
        };
    }

    /** A JSON value of the schema: every property, values random but of the right type. */
    private static JsonNode instance(RandomnessSource rs, JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("anyOf") || schema.has("oneOf") || schema.has("allOf")) {
            JsonNode options = schema.has("anyOf") ? schema.get("anyOf") : schema.has("oneOf") ? schema.get("oneOf") : schema.get("allOf");
            return instance(rs, options.get(rangeOf(rs, 0, options.size() - 1)), depth + 1);
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(rangeOf(rs, 0, schema.get("enum").size() - 1));
        }
        String type = typeOf(schema);
        if (depth > 6) return JSON.nullNode();
        switch (type) {
            case "object" -> {
                var object = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (rangeOf(rs, 0, 5) > 0) object.set(p.getKey(), instance(rs, p.getValue(), depth + 1));
                }
                return object;
            }
            case "array" -> {
                var array = JSON.createArrayNode();
                int n = rangeOf(rs, 0, 3);
                for (int i = 0; i < n; i++) array.add(instance(rs, schema.path("items"), depth + 1));
                return array;
            }
            case "integer" -> {
                return JSON.valueToTree(pick(rs, 4, rangeOf(rs, -2, 12), 1, Integer.MAX_VALUE, 1, -1));
            }
            case "number" -> {
                return JSON.valueToTree(pick(rs, 3, rangeOf(rs, 0, 10) / 10.0, 1, 1e308, 1, -0.5));
            }
            case "boolean" -> {
                return JSON.valueToTree(Generate.booleans().generate(rs));
            }
            case "string" -> {
                String example = schema.path("examples").path(0).asText(schema.path("example").asText(null));
                return JSON.valueToTree(pick(rs, 4, example == null ? "chess" : example, 2, fixtures.owner(), 1, "1h",
                        1, "ft3", 2, hostile(rs)));
            }
            default -> {
                return JSON.valueToTree(pick(rs, 1, "x", 1, 1, 1, true));
            }
        }
    }

    /** One field of the (object) body replaced by a hostile value or a value of the wrong type. */
    private static String mutateOneField(RandomnessSource rs, String json) {
        JsonNode node = read(json);
        if (!node.isObject() || node.isEmpty()) return json;
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        String field = names.get(rangeOf(rs, 0, names.size() - 1));
        JsonNode value = switch (rangeOf(rs, 0, 7)) {
            case 0 -> JSON.valueToTree(hostile(rs));
            case 1 -> JSON.nullNode();
            case 2 -> JSON.valueToTree(List.of(hostile(rs)));
            case 3 -> JSON.createObjectNode().put("x", hostile(rs));
            case 4 -> JSON.valueToTree(new java.math.BigInteger("9".repeat(rangeOf(rs, 10, 400))));
            case 5 -> JSON.valueToTree(-1);
            case 6 -> JSON.valueToTree(0.5);
            default -> JSON.valueToTree(true);
        };
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).set(field, value);
        return write(node);
    }

    /** The object's first field written once more at the end, as some clients do. */
    private static String duplicateKey(String json) {
        JsonNode node = read(json);
        if (!node.isObject() || node.isEmpty()) return "{\"winner\":0,\"winner\":0}";
        Map.Entry<String, JsonNode> first = node.fields().next();
        return json.substring(0, json.length() - 1) + (node.size() > 0 ? "," : "") + write(JSON.valueToTree(first.getKey()))
                + ":" + write(first.getValue()) + "}";
    }

    // ---- the document ------------------------------------------------------------------------------------------

    private static JsonNode bodySchema(JsonNode op) {
        JsonNode content = op.path("requestBody").path("content");
        if (content.isMissingNode()) return null;
        JsonNode json = content.has("application/json") ? content.get("application/json") : content.elements().next();
        return json.path("schema");
    }

    private static List<JsonNode> parameters(JsonNode op) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) out.add(resolve(p));
        return out;
    }

    private static List<String> pathParameters(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private static JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText(); // "#/components/schemas/X"
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) target = target.path(part);
            node = target;
        }
        return node == null ? JSON.nullNode() : node;
    }

    /** The schema's type: OpenAPI 3.0 ({@code type: string}) or 3.1 ({@code type: [string, "null"]}). */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) if (!"null".equals(t.asText())) return t.asText();
            return "null";
        }
        if (type.isTextual()) return type.asText();
        return schema.has("properties") ? "object" : "any";
    }

    private static String names(JsonNode responses) {
        List<String> names = new ArrayList<>();
        responses.fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    /** One of the values, each with its weight (a weight of 0 never picks it). */
    @SuppressWarnings("unchecked")
    private static <T> T pick(RandomnessSource rs, Object... weightsAndValues) {
        int total = 0;
        for (int i = 0; i < weightsAndValues.length; i += 2) total += (Integer) weightsAndValues[i];
        int roll = rangeOf(rs, 1, total);
        for (int i = 0; i < weightsAndValues.length; i += 2) {
            roll -= (Integer) weightsAndValues[i];
            if (roll <= 0) return (T) weightsAndValues[i + 1];
        }
        throw new IllegalStateException();
    }

    private static int rangeOf(RandomnessSource rs, int from, int to) {
        return Generate.range(from, to).generate(rs);
    }

    private static String encodePathSegment(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:".indexOf(c) >= 0) sb.append((char) c);
            else sb.append('%').append(String.format("%02X", c));
        }
        return sb.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
