package dev.guildhall.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paging and filters for list calls: {@code limit} (1–100), the opaque {@code cursor} from the
 * previous page's {@code nextCursor}, and endpoint-specific filters such as
 * {@code ListOptions.first(20).filter("status", "ACTIVE")}. Immutable.
 */
public final class ListOptions {

    private static final ListOptions DEFAULTS = new ListOptions(Map.of());

    private final Map<String, String> query;

    private ListOptions(Map<String, String> query) {
        this.query = query;
    }

    /** The server's default page size, first page, no filters. */
    public static ListOptions defaults() {
        return DEFAULTS;
    }

    static ListOptions orDefaults(ListOptions options) {
        return options == null ? DEFAULTS : options;
    }

    public static ListOptions first(int limit) {
        return DEFAULTS.limit(limit);
    }

    public ListOptions limit(int limit) {
        return with("limit", Integer.toString(limit));
    }

    /** Continue after a page; a null cursor means the first page. */
    public ListOptions cursor(String cursor) {
        return with("cursor", cursor);
    }

    /** A filter query parameter; a null value removes it. */
    public ListOptions filter(String name, String value) {
        return with(name, value);
    }

    public Map<String, String> query() {
        return query;
    }

    private ListOptions with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(query);
        if (value == null) copy.remove(name);
        else copy.put(name, value);
        return new ListOptions(Collections.unmodifiableMap(copy));
    }

    @Override
    public String toString() {
        return "ListOptions" + query;
    }
}
