package dev.guildhall.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every failure, whatever threw it, leaves as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Routes routes;

    @Inject
    DatabaseBreaker database;

    @ServerExceptionMapper
    public Response problem(ProblemException e, ContainerRequestContext request) {
        return respond(request, e);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, ContainerRequestContext request) {
        List<ProblemException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ProblemException.FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return respond(request, ProblemException.invalid(errors));
    }

    // Quarkus ships mappers for some Jackson exception subtypes; the most specific type wins, so each is named here.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class})
    public Response json(JsonProcessingException e, ContainerRequestContext request) {
        return respond(request, fromJackson(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return respond(request, fromJackson(json));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Set<String> allowed = Set.of();
        if (status == 404 || status == 405) { // from routing: a path we have, with another method, is a 405
            allowed = routes.allowed(request.getUriInfo().getRequestUri().getRawPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) status = 405;
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> status < 500 ? "bad-request" : "server-error";
        };
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource: " + request.getUriInfo().getPath();
            case 405 -> request.getMethod() + " is not allowed on " + request.getUriInfo().getPath()
                    + (allowed.isEmpty() ? "" : "; it allows " + String.join(", ", allowed));
            case 406 -> "This API answers in application/json; accept it (or */*)";
            case 415 -> "Send the body as application/json";
            default -> e.getMessage();
        };
        Response problem = respond(request, new ProblemException(status, slug, title, detail, null, null));
        if (status == 405 && !allowed.isEmpty()) {
            return Response.fromResponse(problem).header("Allow", String.join(", ", allowed)).build();
        }
        return problem;
    }

    @ServerExceptionMapper
    public Response any(Throwable e, ContainerRequestContext request) {
        if (isDatabaseUnreachable(e)) {
            // an outage the breaker reported is not news again on every call
            LOG.logf(database.isOpen() ? Logger.Level.DEBUG : Logger.Level.WARN, "database unreachable: %s", e.toString());
            return respond(request, ProblemException.databaseUnavailable());
        }
        if (isConcurrentUpdate(e)) {
            return respond(request, ProblemException.conflict("concurrent-update",
                    "Another request changed this at the same moment; try again"));
        }
        if (hasSqlState(e, "23505")) {
            // services check for duplicates first; this is the race they lost, and the client's retry will see the winner
            return respond(request, ProblemException.conflict("already-exists",
                    "This already exists (created at the same moment by another request)"));
        }
        LOG.error("unexpected error", e);
        return respond(request, new ProblemException(500, "server-error", "Internal server error",
                "Something went wrong on our side; quote the request id when reporting it", null, null));
    }

    static Response respond(ContainerRequestContext request, ProblemException e) {
        Problem body = new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.detail(),
                request == null ? null : request.getUriInfo().getRequestUri().getRawPath(),
                RequestIds.current(request), e.errors());
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body);
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }

    /**
     * The same answer for what is refused on the event loop before any resource runs (so before the request-id
     * filter: the same rule for the id). With a body left unread, the connection is closed after the answer.
     */
    static void respond(RoutingContext ctx, ProblemException e) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) return;
        String requestId = RequestIds.idFor(ctx.request().getHeader(RequestIds.HEADER));
        Problem body = new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.detail(), ctx.request().path(),
                requestId, e.errors());
        response.setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId);
        if (BodyLimit.hasBody(ctx.request()) && !ctx.request().isEnded()) response.putHeader(HttpHeaders.CONNECTION, "close");
        response.end(Json.encode(body));
    }

    public static ProblemException fromJackson(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) return p; // thrown while reading: body limit, a record's own check
            if (t instanceof StreamConstraintsException limit) return tooComplex(limit);
        }
        if (e instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field '") && parse.getProcessor() != null) {
            return ProblemException.invalid(pathOf(parse.getProcessor().getParsingContext()), "is given twice; give each field once");
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = pathOf(jme);
            String message;
            if (e instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (e instanceof InvalidFormatException ife && ife.getValue() instanceof Double d && !Double.isFinite(d)) {
                message = "must be a finite number";
            } else if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
                message = "must be one of " + enumValues(ife.getTargetType());
            } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
                message = "must be " + describe(mie.getTargetType());
            } else {
                message = "has an invalid value";
            }
            return ProblemException.invalid(field, message);
        }
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            return ProblemException.badRequest("malformed-json", "The body must be a JSON " + describe(mie.getTargetType()));
        }
        return ProblemException.badRequest("malformed-json", "The body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Jackson's own limits (JsonRules), said without naming Jackson. */
    private static ProblemException tooComplex(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return ProblemException.badRequest("malformed-json", message.contains("nesting depth")
                ? "The body nests deeper than " + JsonRules.MAX_DEPTH + " levels"
                : "The body has a value longer than this API reads");
    }

    /** Where a streaming parser stands, as a field path: {@code automod.bannedWords[2]}. */
    static String pathOf(JsonStreamContext context) {
        List<JsonStreamContext> chain = new java.util.ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) chain.add(0, c);
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                sb.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            } else if (c.getCurrentName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(c.getCurrentName());
            }
        }
        return sb.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String enumValues(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Class<?> type) {
        if (type == String.class) return "a string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (type.isEnum()) return "one of " + enumValues(type);
        return "an object";
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.arg1.game" -> "game": drop the method and parameter segments of a method-parameter path.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static final Set<String> CONNECTION_STATES = Set.of("08000", "08001", "08003", "08004", "08006", "57P01", "57P03");

    static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) return true;
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null && CONNECTION_STATES.contains(sql.getSQLState())) return true;
                // Agroal: no connection came free in time ("Sorry, acquisition timeout!") — overloaded or away
                if (sql.getMessage() != null && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) return true;
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    static boolean isConcurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
