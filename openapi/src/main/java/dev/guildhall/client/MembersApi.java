package dev.guildhall.client;

import dev.guildhall.client.model.JoinResult;
import dev.guildhall.client.model.MemberJoin;

import static dev.guildhall.client.Endpoints.MEMBER_JOINED;

/** {@code POST /v1/servers/{server}/members/joined}: welcome and raid handling. */
public final class MembersApi {

    private final Transport t;

    MembersApi(Transport t) { this.t = t; }

    public JoinResult joined(String server, MemberJoin join, CallOptions options) {
        return t.sendBody(MEMBER_JOINED, join, t.type(JoinResult.class), options, server);
    }
}
