package dev.guildhall.discord.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to core-api: the operation, its path parameters ({@code server}, {@code id}, {@code n},
 * {@code number}, {@code user}, {@code platform}), query parameters and JSON body.
 */
public record ApiRequest(Operation op, Map<String, String> path, Map<String, String> query, JsonNode body) {

    public ApiRequest {
        path = Map.copyOf(path);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public static ApiRequest of(Operation op, Map<String, String> path) {
        return new ApiRequest(op, path, Map.of(), null);
    }

    public static ApiRequest of(Operation op, Map<String, String> path, JsonNode body) {
        return new ApiRequest(op, path, Map.of(), body);
    }

    public ApiRequest withQuery(String name, String value) {
        if (value == null) return this;
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new ApiRequest(op, path, q, body);
    }

    public String pathParam(String name) {
        return path.get(name);
    }

    @Override
    public String toString() {
        return op + " " + path + (query.isEmpty() ? "" : " ?" + query) + (body == null ? "" : " " + body);
    }
}
