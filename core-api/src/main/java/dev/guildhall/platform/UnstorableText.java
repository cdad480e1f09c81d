package dev.guildhall.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * Text PostgreSQL cannot store: NUL (U+0000), which no {@code text} or {@code jsonb} value may hold, and a lone
 * UTF-16 surrogate, which has no UTF-8 form (the driver would silently store {@code ?}). Refused wherever a
 * request carries it; DESIGN §9.
 */
final class UnstorableText {

    static final String NUL = "must not contain NUL (U+0000)";
    static final String LONE_SURROGATE = "must not contain a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff)";

    private UnstorableText() {}

    /** What is wrong with {@code s}, or null when PostgreSQL can store it. */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return NUL;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return LONE_SURROGATE;
            }
        }
        return null;
    }

    /** {@code s} with such characters written as escapes, so a field name can be shown in an answer and a log. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == 0 || Character.isSurrogate(c) && !pair) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
                if (pair) sb.append(s.charAt(++i));
            }
        }
        return sb.toString();
    }

    /**
     * The refusal for a JSON body, or null when it is fine. Sent as UTF-8, JSON can carry these characters only as
     * escapes ({@code \u0000}, an unpaired {@code \ud800}): the parser refuses them raw. So one pass over the
     * bytes, stopping at the first backslash, clears almost every body; only a body with such an escape is parsed,
     * to name its field. A NUL byte means the body is not UTF-8 at all (UTF-16 and UTF-32 JSON, which the parser
     * would otherwise detect and read, have one in every ASCII character).
     */
    static ProblemException inJson(Buffer body, JsonFactory json) {
        ByteBuf bytes = body.getByteBuf();
        int end = bytes.writerIndex();
        int i = bytes.forEachByte(b -> b != 0 && b != '\\');
        for (; i >= 0 && i < end; i++) {
            byte b = bytes.getByte(i);
            if (b == 0) {
                return ProblemException.badRequest("malformed-json", "The body must be JSON in UTF-8; it has NUL bytes");
            }
            if (b != '\\' || i + 1 >= end) continue;
            if (bytes.getByte(i + 1) != 'u') { // \n, \", \\ ...: skip the escaped character
                i++;
                continue;
            }
            int unit = hex4(bytes, i + 2, end);
            if (unit < 0) continue; // not an escape the parser will take: it refuses the body itself
            if (unit == 0 || Character.isLowSurrogate((char) unit)) return refusal(body, json);
            if (Character.isHighSurrogate((char) unit)) {
                boolean escape = i + 7 < end && bytes.getByte(i + 6) == '\\' && bytes.getByte(i + 7) == 'u';
                int low = escape ? hex4(bytes, i + 8, end) : -1;
                if (low < 0 || !Character.isLowSurrogate((char) low)) return refusal(body, json);
                i += 6;
            }
            i += 5;
        }
        return null;
    }

    /**
     * The JSON body with such characters taken out instead: every {@code \u0000} escape dropped and every lone
     * surrogate escape written as U+FFFD, the same body when it holds none (one pass, stopping at the first backslash
     * as {@link #inJson} does), or null when it has NUL bytes, which no UTF-8 JSON has ({@link #inJson} refuses it).
     */
    static Buffer stripped(Buffer body) {
        ByteBuf bytes = body.getByteBuf();
        int end = bytes.writerIndex();
        int first = bytes.forEachByte(b -> b != 0 && b != '\\');
        if (first < 0) return body;
        Buffer out = null;
        int copied = 0; // bytes [copied, i) are still to be copied to out
        for (int i = first; i < end; i++) {
            byte b = bytes.getByte(i);
            if (b == 0) return null;
            if (b != '\\' || i + 1 >= end) continue;
            if (bytes.getByte(i + 1) != 'u') {
                i++;
                continue;
            }
            int unit = hex4(bytes, i + 2, end);
            if (unit < 0) continue;
            int low = Character.isHighSurrogate((char) unit) && i + 11 < end && bytes.getByte(i + 6) == '\\'
                    && bytes.getByte(i + 7) == 'u' ? hex4(bytes, i + 8, end) : -1;
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                i += 11; // a proper pair: kept
                continue;
            }
            if (unit != 0 && !Character.isSurrogate((char) unit)) {
                i += 5;
                continue;
            }
            if (out == null) out = Buffer.buffer(end);
            out.appendBuffer(body, copied, i - copied);
            if (unit != 0) out.appendString("\\ufffd");
            i += 5;
            copied = i + 1;
        }
        if (out == null) return body;
        out.appendBuffer(body, copied, end - copied);
        return out;
    }

    /** Parses the body to find the string (a value or a field name) that holds the character, and names it. */
    private static ProblemException refusal(Buffer body, JsonFactory json) {
        try (JsonParser p = json.createParser(body.getBytes())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String text = t == JsonToken.FIELD_NAME ? p.currentName() : t == JsonToken.VALUE_STRING ? p.getText() : null;
                String problem = text == null ? null : problem(text);
                if (problem != null) return ProblemException.invalid(visible(ProblemMappers.pathOf(p.getParsingContext())), problem);
            }
        } catch (IOException e) {
            // malformed around it: still refused, without a field
        }
        return ProblemException.badRequest("unstorable-text", "The body " + NUL + " or a lone UTF-16 surrogate");
    }

    private static int hex4(ByteBuf bytes, int from, int end) {
        if (from + 4 > end) return -1;
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(bytes.getByte(i), 16);
            if (digit < 0) return -1;
            value = value << 4 | digit;
        }
        return value;
    }
}
