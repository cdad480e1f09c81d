package dev.guildhall.platform;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every resource method's path template and HTTP method, read once from the JAX-RS annotations of the
 * resource beans: which methods a path has, for the {@code Allow} header of a 405. Quarkus REST knows this
 * only per resource class, and answers 404 for a method missing on a path that two classes share a prefix of
 * ({@code PATCH /v1/servers/{server}/wars}).
 */
@Singleton
public class Routes {

    private record Route(Pattern path, String method) {}

    private final List<Route> routes = new ArrayList<>();

    public Routes(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path base = bean.getBeanClass().getAnnotation(Path.class);
            if (base == null) continue;
            for (Method m : bean.getBeanClass().getMethods()) {
                String method = httpMethod(m);
                Path sub = m.getAnnotation(Path.class);
                if (method != null) routes.add(new Route(pattern(base.value() + "/" + (sub == null ? "" : sub.value())), method));
            }
        }
    }

    /**
     * The methods {@code rawPath} has, as an {@code Allow} header lists them ({@code HEAD} with {@code GET},
     * and {@code OPTIONS}, which Quarkus REST answers on every path); empty when no resource has that path.
     */
    public Set<String> allowed(String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            if (r.path().matcher(rawPath).matches()) allowed.add(r.method());
        }
        if (allowed.isEmpty()) return allowed;
        if (allowed.contains(HttpMethod.GET)) allowed.add(HttpMethod.HEAD);
        allowed.add(HttpMethod.OPTIONS);
        return allowed;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) return http.value();
        }
        return null;
    }

    /** {@code /v1/wars/{id}/accept} as a pattern: each {@code {param}} one path segment, a trailing slash allowed. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) continue;
            regex.append('/').append(segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex + "/?");
    }
}
