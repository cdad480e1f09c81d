package dev.guildhall.platform;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/**
 * Bodies over 64 KiB are refused with a 413 problem. A declared Content-Length is refused here before
 * anything is read; a chunked body is counted by {@link BodyLimitInterceptor}. Vert.x's own limit
 * (quarkus.http.limits.max-body-size) stays above it as the memory cap.
 */
public class BodyLimit {

    @RouteFilter(100)
    void refuseDeclaredOversize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > BodyLimitInterceptor.LIMIT) {
                    tooLarge(ctx);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // Vert.x answers a malformed Content-Length itself
            }
        }
        ctx.next();
    }

    void onRouter(@Observes Router router) {
        router.errorHandler(413, this::tooLarge);
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.response().headWritten()) return;
        String requestId = ctx.request().getHeader(RequestIds.HEADER);
        if (requestId == null) requestId = UUID.randomUUID().toString();
        Problem body = new Problem(Problem.TYPE_BASE + "body-too-large", "Payload too large", 413,
                "The body is larger than " + BodyLimitInterceptor.LIMIT / 1024 + " KiB", ctx.request().path(), requestId, null);
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(body));
    }
}
