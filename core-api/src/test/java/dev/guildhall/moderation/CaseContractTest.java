package dev.guildhall.moderation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.*;

/** The moderation, automod, joins, actions and audit operations are in the served contract under their promised paths. */
@QuarkusTest
class CaseContractTest {

    @Test
    void operationsAreDocumented() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/servers/{server}/cases'.post.operationId", is("createCase"),
                        "paths.'/v1/servers/{server}/cases'.get.operationId", is("listCases"),
                        "paths.'/v1/servers/{server}/cases/{number}'.get.operationId", is("getCase"),
                        "paths.'/v1/servers/{server}/cases/{number}'.patch.operationId", is("editCaseReason"),
                        "paths.'/v1/servers/{server}/messages/check'.post.operationId", is("checkMessage"),
                        "paths.'/v1/servers/{server}/members/joined'.post.operationId", is("memberJoined"),
                        "paths.'/v1/platforms/{platform}/actions/claim'.post.operationId", is("claimActions"),
                        "paths.'/v1/platforms/{platform}/actions/{id}/ack'.post.operationId", is("ackAction"),
                        "paths.'/v1/servers/{server}/audit-log'.get.operationId", is("listAuditLog"),
                        "paths.'/v1/servers/{server}/stats'.get.operationId", is("getServerStats"),
                        "components.schemas.CaseResult.properties", hasKey("case"),
                        "components.schemas.NewCase.properties.type.example", is("ban"));
    }
}
