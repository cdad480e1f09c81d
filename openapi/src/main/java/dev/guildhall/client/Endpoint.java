package dev.guildhall.client;

/**
 * One operation of the v1 API: an HTTP method and a path template whose {@code {name}} parts are
 * filled, URL-encoded, from call arguments. Every endpoint the client calls is a constant in
 * {@link Endpoints}, so the contract test can compare them with {@code openapi.yaml}.
 */
public record Endpoint(String method, String path) {

    /** GET, PUT and DELETE may be repeated safely; a POST or PATCH only with an Idempotency-Key. */
    public boolean idempotentByMethod() {
        return method.equals("GET") || method.equals("PUT") || method.equals("DELETE") || method.equals("HEAD");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
