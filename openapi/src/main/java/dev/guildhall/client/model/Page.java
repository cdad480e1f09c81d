package dev.guildhall.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** One page of a list; pass {@code nextCursor} to {@code ListOptions.cursor} for the next one (null on the last page). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
