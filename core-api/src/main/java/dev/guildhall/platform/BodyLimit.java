package dev.guildhall.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads every request body on the event loop before the resource runs (Vert.x's {@link BodyHandler}),
 * refusing bodies over 64 KiB — declared in Content-Length or sent chunked — with a 413 problem, and text
 * PostgreSQL cannot store ({@link UnstorableText}) with a 400 that names the field: the one place every body passes.
 * Why here: a blocking resource method otherwise reads its body through a stream that parks the worker
 * thread until the event loop hands the bytes over, a thread hand-off on every POST that cost more CPU
 * than parsing the JSON. Vert.x's own cap (quarkus.http.limits.max-body-size) stays above this one.
 */
@Singleton
public class BodyLimit {

    public static final long LIMIT = 64 * 1024;
    /**
     * The methods whose body is read; RequestLimits refuses a body on any other. Not DELETE: no operation takes a
     * body there, and one sent would otherwise be judged by its media type (a 415 no DELETE documents).
     */
    static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Logger LOG = Logger.getLogger(BodyLimit.class);
    /**
     * Where such text is taken out of the body rather than refused (DESIGN §9 allows either): a chat message to judge.
     * Its text is judged, not stored; refused, a NUL would carry a message past automod wherever an adapter lets a
     * failed check through.
     */
    static final Pattern STRIPPED = Pattern.compile("/v1/servers/[^/]+/messages/check");

    private final ObjectMapper json;

    public BodyLimit(ObjectMapper json) {
        this.json = json;
    }

    void onRouter(@Observes Router router) {
        // preallocated: the buffer is sized by Content-Length, not a fixed 1 KiB that a 200-byte chat message
        // mostly leaves empty (it was a twentieth of all the messages/check early exit allocated)
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(LIMIT).setPreallocateBodyBuffer(true);
        Route route = router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER);
        METHODS.forEach(route::method);
        route
                .handler(ctx -> {
                    if (hasBody(ctx.request())) bodies.handle(ctx);
                    else ctx.next(); // nothing to read: the resource sees the ended request as an empty body
                })
                .handler(ctx -> {
                    Buffer body = ctx.body().buffer();
                    // an empty chunked body leaves no buffer, and the resource would then wait on the
                    // already-read request for bytes that never come
                    if (body == null && hasBody(ctx.request()) && ctx instanceof RoutingContextInternal internal) {
                        internal.setBody(Buffer.buffer());
                    }
                    if (body != null && STRIPPED.matcher(ctx.request().path()).matches()
                            && ctx instanceof RoutingContextInternal internal) {
                        Buffer stripped = UnstorableText.stripped(body);
                        if (stripped != null && stripped != body) internal.setBody(stripped);
                        if (stripped != null) body = null; // nothing left to refuse
                    }
                    ProblemException refused = body == null ? null : UnstorableText.inJson(body, json.getFactory());
                    if (refused != null) ProblemMappers.respond(ctx, refused);
                    else ctx.next();
                })
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) tooLarge(ctx);
                    else if (ctx.failure() instanceof HttpClosedException) aborted(ctx);
                    else ctx.next();
                });
        router.errorHandler(413, this::tooLarge);
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) return !length.trim().equals("0");
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private void tooLarge(RoutingContext ctx) {
        ProblemMappers.respond(ctx, new ProblemException(413, "body-too-large", "Payload too large",
                "The body is larger than " + LIMIT / 1024 + " KiB", null, null));
    }

    /**
     * The client closed the connection before its whole body came (a timeout on its side, a crash): nobody is
     * left to answer and nothing of ours failed, so one short line, not Quarkus's error with a stack trace.
     */
    private static void aborted(RoutingContext ctx) {
        LOG.debugf("%s %s: the client closed the connection before sending its whole body",
                ctx.request().method(), ctx.request().path());
    }
}
