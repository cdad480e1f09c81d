package dev.guildhall.client;

import dev.guildhall.client.model.ApiKey;
import dev.guildhall.client.model.NewApiKey;
import dev.guildhall.client.model.Page;

import static dev.guildhall.client.Endpoints.*;

/** {@code /v1/admin/api-keys}: needs an admin key. */
public final class ApiKeysApi {

    private final Transport t;

    ApiKeysApi(Transport t) { this.t = t; }

    /** Creates a key; the answer's {@code key} is the secret, shown only this once. */
    public ApiKey create(NewApiKey key, CallOptions options) {
        return t.sendBody(CREATE_API_KEY, key, t.type(ApiKey.class), options);
    }

    public Page<ApiKey> list(ListOptions list, CallOptions options) {
        return t.send(LIST_API_KEYS, new Object[0], ListOptions.orDefaults(list).query(), null, Transport.JSON, t.pageOf(ApiKey.class), options);
    }

    public void revoke(String id, CallOptions options) {
        t.send(REVOKE_API_KEY, null, options, id);
    }
}
