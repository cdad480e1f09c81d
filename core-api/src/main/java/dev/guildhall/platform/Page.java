package dev.guildhall.platform;

import java.util.List;

/** One page of a list: {@code items} and the opaque {@code nextCursor} (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {}
