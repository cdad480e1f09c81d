package dev.guildhall.client.model;

import java.util.List;

/** Body of {@code POST /v1/admin/api-keys}. {@code kind} is admin, platform or app; scopes and servers may be null. */
public record NewApiKey(String name, String kind, List<String> scopes, List<String> servers) {}
