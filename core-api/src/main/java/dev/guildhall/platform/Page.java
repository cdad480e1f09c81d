package dev.guildhall.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a list: {@code items} and the opaque {@code nextCursor} (null on the last page). */
public record Page<T>(List<T> items,
                      @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last") String nextCursor) {}
