package dev.guildhall.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code limit} (1–100, default 20) and an opaque {@code cursor}. A cursor is the keyset position after the last
 * item of the previous page, as base64url JSON, so pages stay stable while rows are added; it is signed
 * (HMAC-SHA256, under the key every instance shares, {@link CursorKey}) together with the list it was made for:
 * the request's path and filters. A cursor changed, forged or taken to another list is refused with 400 before
 * any of it is read (DESIGN §9: never a wrong page).
 */
public record PageRequest(int limit, JsonNode after, String list) {

    public static final int DEFAULT_LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGNATURE_BYTES = 16; // 128 bits of HMAC-SHA256: forging one is out of reach
    private static volatile Supplier<SecretKeySpec> key;

    /** Handed over at start by {@link CursorKey}. */
    static void useKey(Supplier<SecretKeySpec> source) {
        key = source;
    }

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
        String list = currentList();
        JsonNode after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = verified(cursor.trim(), list);
            if (after == null || !after.isObject()) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave out for this list");
            }
        }
        return new PageRequest(n, after, list);
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
        String next = more ? sign(position.apply(shown.get(shown.size() - 1)), list) : null;
        return new Page<>(shown.stream().map(map).toList(), next);
    }

    public static ObjectNode position() {
        return JSON.createObjectNode();
    }

    /** {@code payload.signature}, both base64url. */
    static String sign(ObjectNode position, String list) {
        String payload = base64(position.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + base64(mac(payload, list));
    }

    /** The position in {@code cursor}, or null unless this API signed it for {@code list}. */
    static JsonNode verified(String cursor, String list) {
        int dot = cursor.indexOf('.');
        if (dot < 0) return null;
        String payload = cursor.substring(0, dot);
        // compared as text: base64 leaves spare bits in its last character, and a changed spare bit is still a change
        byte[] expected = base64(mac(payload, list)).getBytes(StandardCharsets.US_ASCII); // a key unreadable: 503, not 400
        if (!MessageDigest.isEqual(cursor.substring(dot + 1).getBytes(StandardCharsets.US_ASCII), expected)) return null;
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IllegalArgumentException | java.io.IOException e) { // not base64, not JSON
            return null;
        }
    }

    private static byte[] mac(String payload, String list) {
        Supplier<SecretKeySpec> source = key;
        if (source == null) throw new IllegalStateException("no cursor key yet: CursorKey hands it over at start");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(source.get());
            mac.update(list.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // HmacSHA256 is in every JDK
        }
    }

    /**
     * The list this request reads: its path and its filters (every query parameter but limit and cursor), as Quarkus
     * REST decoded them, written as JSON so that no two lists read alike. A cursor works on the list that gave it only.
     */
    private static String currentList() {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request == null) return "";
        UriInfo uri = request.getUriInfo();
        Map<String, List<String>> filters = new TreeMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            List<String> given = values.stream().filter(v -> !v.isBlank()).toList();
            if (!given.isEmpty() && !name.equals("limit") && !name.equals("cursor")) filters.put(name, given);
        });
        return JSON.createArrayNode().add(uri.getPath()).add(JSON.valueToTree(filters)).toString();
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
