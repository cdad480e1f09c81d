package dev.guildhall.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code limit} (1–100, default 20) and an opaque {@code cursor}. A cursor is the keyset position
 * after the last item of the previous page, as base64url JSON, so pages stay stable while rows are added.
 */
public record PageRequest(int limit, JsonNode after) {

    public static final int DEFAULT_LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static PageRequest parse(String limit, String cursor) {
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("limit", "must be a whole number from 1 to 100");
            }
            if (n < 1 || n > 100) throw ProblemException.invalid("limit", "must be from 1 to 100");
        }
        JsonNode after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = JSON.readTree(Base64.getUrlDecoder().decode(cursor.trim()));
            } catch (Exception e) {
                after = null;
            }
            if (after == null || !after.isObject()) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
            }
        }
        return new PageRequest(n, after);
    }

    /** The cursor value of {@code field}, or a 400 when a tampered cursor lacks it. */
    public String afterText(String field) {
        JsonNode v = after == null ? null : after.get(field);
        if (after != null && (v == null || !v.isValueNode())) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
        return v == null ? null : v.asText();
    }

    /**
     * Cuts a fetched list of {@code limit + 1} rows into a page; the extra row only tells that
     * another page exists, and the cursor points after the last row shown.
     */
    public <R, T> Page<T> page(List<R> rows, Function<R, T> map, Function<R, ObjectNode> position) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(position.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(map).toList(), next);
    }

    public static ObjectNode position() {
        return JSON.createObjectNode();
    }

    static String encode(ObjectNode position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(position.toString().getBytes(StandardCharsets.UTF_8));
    }
}
