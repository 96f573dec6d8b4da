package io.crowdpulse.session.api;

import static io.crowdpulse.session.support.Api.asIngest;
import static io.crowdpulse.session.support.Api.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every kind of bad input is a 4xx problem+json naming what is wrong: never a 500, never a stack trace. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class BadInputTest {

    private static ValidatableResponse postActivity(String body) {
        return asIngest().body(body).post("/api/v1/activity").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .body(not(containsString("at io.")))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldRejectMalformedJson() {
        problem(postActivity("{\"userId\": \"u1\","), 400).body("title", equalTo("Malformed JSON body"));
        problem(postActivity("not json"), 400);
        problem(postActivity(""), 400);
    }

    @Test
    void shouldRejectMissingFieldsNamingEachOne() {
        problem(postActivity("{\"userId\":\"u1\"}"), 400)
                .body("errors.field", hasItem("organizationId"))
                .body("errors.field", hasItem("sessionId"))
                .body("errors.field", hasItem("moduleId"));
    }

    @Test
    void shouldRejectOverLongAndIllegalIdentifiers() {
        String tooLong = "u".repeat(129);
        problem(postActivity("{\"userId\":\"" + tooLong + "\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\"}"), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(postActivity("{\"userId\":\"u/1\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\"}"), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(postActivity("{\"userId\":\"u1\",\"organizationId\":\"o\",\"sessionId\":\"s s\",\"moduleId\":\"m\"}"), 400)
                .body("errors[0].field", equalTo("sessionId"));
        problem(postActivity("{\"userId\":\"u1\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\",\"userAgent\":\""
                + "a".repeat(513) + "\"}"), 400).body("errors[0].field", equalTo("userAgent"));
        problem(postActivity("{\"userId\":\"u1\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\",\"ipAddress\":\"<script>\"}"), 400)
                .body("errors[0].field", equalTo("ipAddress"));
    }

    @Test
    void shouldRejectWrongTypesAndUnknownFields() {
        problem(postActivity("{\"userId\":42,\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\"}"), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(postActivity("{\"userId\":[\"u\"],\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\"}"), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(postActivity("{\"userId\":\"u\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\",\"admin\":true}"), 400)
                .body("errors[0].field", equalTo("admin"));
        problem(postActivity("[]"), 400);
        problem(asIngest().body("{\"userId\":\"u\"}").post("/api/v1/activity/batch").then(), 400);
        problem(asIngest().body("[]").post("/api/v1/activity/batch").then(), 400);
    }

    @Test
    void shouldRejectWrongMediaTypeAndMethod() {
        problem(asIngest().contentType("text/plain").body("hello").post("/api/v1/activity").then(), 415);
        problem(asIngest().get("/api/v1/activity").then(), 405);
    }

    @Test
    void shouldAnswerUnknownPathsWith404() {
        problem(asViewer().get("/api/v1/nothing-here").then(), 404);
        problem(asViewer().get("/api/v2/concurrent-users").then(), 404);
    }

    @Test
    void shouldRejectBadQueryParameters() {
        problem(asViewer().queryParam("top", "abc").get("/api/v1/concurrent-users/organizations").then(), 400);
        problem(asViewer().queryParam("top", 0).get("/api/v1/concurrent-users/organizations").then(), 400)
                .body("errors[0].field", equalTo("top"));
        problem(asViewer().queryParam("from", "last tuesday").get("/api/v1/concurrent-users/peak").then(), 400)
                .body("errors[0].field", equalTo("from"));
        problem(asViewer().queryParam("from", "now").queryParam("to", "1h").get("/api/v1/concurrent-users/average").then(), 400);
        problem(asViewer().queryParam("step", "0s").get("/api/v1/concurrent-users/trend").then(), 400)
                .body("errors[0].field", equalTo("step"));
        problem(asViewer().queryParam("from", "1h").queryParam("step", "100ms").get("/api/v1/concurrent-users/trend").then(), 400);
        problem(asViewer().queryParam("size", 501).get("/api/v1/sessions/history").then(), 400)
                .body("errors[0].field", equalTo("size"));
        problem(asViewer().get("/api/v1/concurrent-users/modules/bad id").then(), 400)
                .body("errors[0].field", equalTo("moduleId"));
        problem(asViewer().queryParam("window", "soon").get("/api/v1/sessions/stats").then(), 400);
    }
}
