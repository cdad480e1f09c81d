package dev.guildhall.platform.observability;

import io.quarkus.micrometer.runtime.binder.HttpBinderConfiguration;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every request's {@code http.server.requests} series is labelled {@code uri="/unmatched"} until Quarkus REST
 * matches a resource method and puts that method's template in its place. So an unknown path, a method a path
 * does not have, a request refused before routing, one the client cut off: all are counted under that one label,
 * never under their raw path (DESIGN §9: unknown paths never create series). Without this, Quarkus's Micrometer
 * binder labels such a request by its raw path whenever its status is not 404. Paths the binder leaves out
 * (/q/health, /q/metrics) stay out.
 */
@Singleton
public class RouteLabels {

    static final String UNMATCHED = "/unmatched";
    /** The request-context key where Quarkus REST puts the matched template and the Micrometer binder reads it. */
    private static final String TEMPLATE = "UrlPathTemplate";

    private final List<Pattern> ignored;

    public RouteLabels(HttpBinderConfiguration binder) {
        this.ignored = binder.getServerIgnorePatterns();
    }

    // registered before the other first routes (RequestLimits), so that what they refuse is labelled too
    void onRouter(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::label);
    }

    private void label(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean counted = path != null;
        for (int i = 0; counted && i < ignored.size(); i++) counted = !ignored.get(i).matcher(path).matches();
        if (counted) ((HttpServerRequestInternal) ctx.request()).context().putLocal(TEMPLATE, UNMATCHED);
        ctx.next();
    }
}
