package dev.guildhall.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What every request must be before it is routed, checked on the event loop ahead of the body handler:
 * no NUL in the path or a query parameter (else 400 naming it: PostgreSQL cannot store it).
 */
@Singleton
public class RequestLimits {

    void onRouter(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check); // before the body handler: nothing read yet
    }

    private void check(RoutingContext ctx) {
        ProblemException refused = refusal(ctx.request());
        if (refused != null) ProblemMappers.respond(ctx, refused);
        else ctx.next();
    }

    static ProblemException refusal(HttpServerRequest request) {
        return nulIn(request.uri());
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
