package dev.guildhall.platform;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Reads every request body on the event loop before the resource runs (Vert.x's {@link BodyHandler}),
 * refusing bodies over 64 KiB — declared in Content-Length or sent chunked — with a 413 problem.
 * Why here: a blocking resource method otherwise reads its body through a stream that parks the worker
 * thread until the event loop hands the bytes over, a thread hand-off on every POST that cost more CPU
 * than parsing the JSON. Vert.x's own cap (quarkus.http.limits.max-body-size) stays above this one.
 */
@Singleton
public class BodyLimit {

    public static final long LIMIT = 64 * 1024;

    void onRouter(@Observes Router router) {
        // preallocated: the buffer is sized by Content-Length, not a fixed 1 KiB that a 200-byte chat message
        // mostly leaves empty (it was a twentieth of all the messages/check early exit allocated)
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(LIMIT).setPreallocateBodyBuffer(true);
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER)
                .method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
                .handler(ctx -> {
                    if (hasBody(ctx.request())) bodies.handle(ctx);
                    else ctx.next(); // nothing to read: the resource sees the ended request as an empty body
                })
                .handler(ctx -> {
                    // an empty chunked body leaves no buffer, and the resource would then wait on the
                    // already-read request for bytes that never come
                    if (ctx.body().buffer() == null && hasBody(ctx.request()) && ctx instanceof RoutingContextInternal internal) {
                        internal.setBody(Buffer.buffer());
                    }
                    ctx.next();
                })
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) tooLarge(ctx);
                    else ctx.next();
                });
        router.errorHandler(413, this::tooLarge);
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) return !length.trim().equals("0");
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.response().headWritten()) return;
        // refused before the request-id filter ran: the same rule for the id it would have given
        String requestId = RequestIds.idFor(ctx.request().getHeader(RequestIds.HEADER));
        Problem body = new Problem(Problem.TYPE_BASE + "body-too-large", "Payload too large", 413,
                "The body is larger than " + LIMIT / 1024 + " KiB", ctx.request().path(), requestId, null);
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(body));
    }
}
