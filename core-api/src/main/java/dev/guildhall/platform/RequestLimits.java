package dev.guildhall.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every request must be before it is routed, checked on the event loop ahead of the body handler:
 * a URI of at most {@value #MAX_URI} characters (else 414), headers of at most {@value #MAX_HEADERS} bytes
 * (else 431), no NUL in the path or a query parameter (else 400 naming it: PostgreSQL cannot store it), and
 * a body only on the methods whose body is read (else 400: a GET, HEAD, OPTIONS or DELETE body is read by nobody,
 * and a proxy may not pass it on).
 * <p>
 * Why here and not in Vert.x's own limits: Netty refuses a request over them with a bare status and no body,
 * before any code of ours can answer. So those limits (quarkus.http.limits.max-initial-line-length and
 * max-header-size) are set well above these, as a memory cap only, and these answer with a problem body.
 */
@Singleton
public class RequestLimits {

    public static final int MAX_URI = 4096;
    public static final int MAX_HEADERS = 16 * 1024;

    void onRouter(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check); // before the body handler: nothing read yet
    }

    private void check(RoutingContext ctx) {
        ProblemException refused = refusal(ctx.request());
        if (refused != null) ProblemMappers.respond(ctx, refused);
        else ctx.next();
    }

    static ProblemException refusal(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.length() > MAX_URI) {
            return new ProblemException(414, "uri-too-long", "URI too long",
                    "The URI is longer than " + MAX_URI + " characters", null, null);
        }
        int headers = 0;
        for (Map.Entry<String, String> h : request.headers()) headers += h.getKey().length() + h.getValue().length() + 4;
        if (headers > MAX_HEADERS) {
            return new ProblemException(431, "headers-too-large", "Request header fields too large",
                    "The headers are larger than " + MAX_HEADERS / 1024 + " KiB", null, null);
        }
        ProblemException nul = nulIn(uri);
        if (nul != null) return nul;
        if (!BodyLimit.METHODS.contains(request.method()) && BodyLimit.hasBody(request)) {
            return ProblemException.badRequest("body-not-allowed", request.method() + " takes no body; send the request without one");
        }
        return null;
    }

    /** A NUL ({@code %00}, or raw) in the path or in a query parameter's name or value, which it names. */
    private static ProblemException nulIn(String uri) {
        if (uri.indexOf('\0') < 0 && !uri.contains("%00")) return null;
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.indexOf('\0') >= 0 || path.contains("%00")) {
            return ProblemException.badRequest("unstorable-text", "The path " + UnstorableText.NUL);
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            if (pair.indexOf('\0') < 0 && !pair.contains("%00")) continue;
            int eq = pair.indexOf('=');
            return ProblemException.invalid(UnstorableText.visible(decode(eq < 0 ? pair : pair.substring(0, eq))), UnstorableText.NUL);
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray %: shown as sent
        }
    }
}
