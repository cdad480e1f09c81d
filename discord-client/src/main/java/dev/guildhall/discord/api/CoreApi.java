package dev.guildhall.discord.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The bot's one door to core-api. The implementation uses the typed client in {@code openapi/}. */
public interface CoreApi {

    /**
     * Performs the call and returns core-api's JSON answer (an empty object for 204).
     *
     * @throws ApiException a problem answer from core-api, or core-api being unreachable
     */
    JsonNode call(ApiRequest request, CallContext context);
}
