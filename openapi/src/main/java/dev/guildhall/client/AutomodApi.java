package dev.guildhall.client;

import dev.guildhall.client.model.CheckResult;
import dev.guildhall.client.model.MessageCheck;

import static dev.guildhall.client.Endpoints.CHECK_MESSAGE;

/** {@code POST /v1/servers/{server}/messages/check}: automod's verdict on one message. */
public final class AutomodApi {

    private final Transport t;

    AutomodApi(Transport t) { this.t = t; }

    public CheckResult check(String server, MessageCheck message, CallOptions options) {
        return t.sendBody(CHECK_MESSAGE, message, t.type(CheckResult.class), options, server);
    }
}
