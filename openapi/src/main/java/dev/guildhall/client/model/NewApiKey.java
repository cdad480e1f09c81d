package dev.guildhall.client.model;

import java.util.List;

/**
 * Body of {@code POST /v1/admin/api-keys}. {@code kind} is admin, platform or app; scopes and servers may be null.
 * {@code platform} (discord or slack) binds a platform key to that platform's servers and actions; null leaves it
 * unbound.
 */
public record NewApiKey(String name, String kind, List<String> scopes, List<String> servers, String platform) {

    /** A key not bound to a platform. */
    public NewApiKey(String name, String kind, List<String> scopes, List<String> servers) {
        this(name, kind, scopes, servers, null);
    }
}
