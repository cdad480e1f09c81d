package dev.guildhall.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.binder.HttpBinderConfiguration;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every request's {@code http.server.requests} series is labelled {@code uri="/unmatched"} until Quarkus REST
 * matches a resource method and puts that method's template in its place. So an unknown path, a method a path
 * does not have, a request refused before routing, one the client cut off: all are counted under that one label,
 * never under their raw path (DESIGN §9: unknown paths never create series). Without this, Quarkus's Micrometer
 * binder labels such a request by its raw path whenever its status is not 404. Paths the binder leaves out
 * (/q/health, /q/metrics) stay out. Likewise the {@code method} label: Vert.x takes any token as a method, so a
 * method name a client makes up is counted as {@code OTHER}.
 */
@Singleton
public class RouteLabels {

    static final String UNMATCHED = "/unmatched";
    /** The request-context key where Quarkus REST puts the matched template and the Micrometer binder reads it. */
    private static final String TEMPLATE = "UrlPathTemplate";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final List<Pattern> ignored;

    public RouteLabels(HttpBinderConfiguration binder) {
        this.ignored = binder.getServerIgnorePatterns();
    }

    // registered before the other first routes (RequestLimits), so that what they refuse is labelled too
    void onRouter(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::label);
    }

    /** Micrometer maps an id once and remembers it: a made-up method costs a small map entry, never a series. */
    @Produces
    @Singleton
    MeterFilter knownMethods() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String method = id.getTag("method");
                if (!LatencyHistograms.HTTP_SERVER_REQUESTS.equals(id.getName()) || method == null || METHODS.contains(method)) {
                    return id;
                }
                return id.replaceTags(Tags.of(id.getTagsAsIterable()).and("method", "OTHER"));
            }
        };
    }

    private void label(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean counted = path != null;
        for (int i = 0; counted && i < ignored.size(); i++) counted = !ignored.get(i).matcher(path).matches();
        if (counted) ((HttpServerRequestInternal) ctx.request()).context().putLocal(TEMPLATE, UNMATCHED);
        ctx.next();
    }
}
