package io.crowdpulse.alerting.notify.receivers;

import static io.crowdpulse.alerting.notify.support.Api.asAdmin;
import static io.crowdpulse.alerting.notify.support.Api.asViewer;
import static io.crowdpulse.alerting.notify.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** Receivers and deliveries over REST: what is shown, what is refused, and that bad input is a 4xx problem+json. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class NotificationApiTest {

    private static final String RECEIVERS = "/api/v1/notifications/receivers";
    private static final String DELIVERIES = "/api/v1/notifications/deliveries";

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body(not(containsString("Exception")));
    }

    private static ValidatableResponse post(Object body) {
        return asAdmin().body(body).post(RECEIVERS).then();
    }

    private static Map<String, Object> receiver(String name, String type, String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (url != null) {
            body.put("url", url);
        }
        return body;
    }

    @Test
    void shouldAddListAndRemoveAReceiverWithoutShowingHeaderValues() {
        String name = unique("pager");
        Map<String, Object> body = receiver(name, "webhook", "https://hooks.example.com/crowdpulse");
        body.put("severities", List.of("critical", "warning"));
        body.put("match", Map.of("target", "checkout"));
        body.put("headers", Map.of("Authorization", "Bearer very-secret"));
        body.put("sendResolved", false);
        post(body).statusCode(201).contentType("application/json").body("name", equalTo(name))
                .body("type", equalTo("webhook")).body("url", equalTo("https://hooks.example.com/crowdpulse"))
                .body("severities", equalTo(List.of("warning", "critical"))).body("match.target", equalTo("checkout"))
                .body("headers", equalTo(List.of("Authorization"))).body("sendResolved", equalTo(false))
                .body("configured", equalTo(false)).body(not(containsString("very-secret")));

        asViewer().get(RECEIVERS).then().statusCode(200).body("name", hasItem(name))
                .body("find { it.name == '" + NotifyTestProfile.CONFIGURED_LOG_RECEIVER + "' }.configured", equalTo(true))
                .body("find { it.name == '" + NotifyTestProfile.CONFIGURED_LOG_RECEIVER + "' }.url", nullValue())
                .body(not(containsString("very-secret")));

        problem(post(body), 409).body("detail", containsString("exists already"));
        String slack = unique("slack");
        post(receiver(slack, "slack", "https://hooks.slack.com/services/T0/B0/token123")).statusCode(201)
                .body("url", equalTo("https://hooks.slack.com/<secret>")).body(not(containsString("token123")));
        asAdmin().delete(RECEIVERS + "/" + slack).then().statusCode(204);
        asAdmin().delete(RECEIVERS + "/" + name).then().statusCode(204);
        problem(asAdmin().delete(RECEIVERS + "/" + name).then(), 404);
        asViewer().get(RECEIVERS).then().statusCode(200).body("name", not(hasItem(name)));
    }

    @Test
    void shouldRefuseToReplaceOrRemoveAConfiguredReceiver() {
        problem(post(receiver(NotifyTestProfile.CONFIGURED_LOG_RECEIVER, "log", null)), 409)
                .body("detail", containsString("configuration"));
        problem(asAdmin().delete(RECEIVERS + "/" + NotifyTestProfile.CONFIGURED_LOG_RECEIVER).then(), 409);
    }

    @Test
    void shouldRejectBadReceiversNamingTheField() {
        problem(post(receiver("bad name", "log", null)), 400).body("errors[0].field", containsString("name"));
        problem(post(receiver(unique("r"), "pagerduty", "https://x.example.com")), 400)
                .body("errors[0].field", containsString("type"));
        problem(post(receiver(unique("r"), "webhook", null)), 400).body("errors[0].field", equalTo("url"))
                .body("detail", containsString("required"));
        problem(post(receiver(unique("r"), "slack", "ftp://hooks.example.com/x")), 400)
                .body("errors[0].field", equalTo("url"));
        problem(post(receiver(unique("r"), "webhook", "not a url")), 400).body("errors[0].field", equalTo("url"));
        problem(post(receiver(unique("r"), "log", "https://x.example.com")), 400).body("errors[0].field", equalTo("url"));
        Map<String, Object> badSeverity = receiver(unique("r"), "log", null);
        badSeverity.put("severities", List.of("urgent"));
        problem(post(badSeverity), 400).body("errors[0].field", containsString("severities"));
        Map<String, Object> badLabel = receiver(unique("r"), "log", null);
        badLabel.put("match", Map.of("not-a-label", "x"));
        problem(post(badLabel), 400).body("errors[0].field", containsString("match"));
        Map<String, Object> unknown = receiver(unique("r"), "log", null);
        unknown.put("color", "red");
        problem(post(unknown), 400);
        problem(asAdmin().body("{\"name\":").post(RECEIVERS).then(), 400);
        problem(asAdmin().body("{\"name\":\"x\",\"type\":7}").post(RECEIVERS).then(), 400);
        problem(asAdmin().delete(RECEIVERS + "/bad name").then(), 400);
    }

    @Test
    void shouldRejectBadDeliveryQueries() {
        problem(asViewer().queryParam("state", "lost").get(DELIVERIES).then(), 400);
        problem(asViewer().queryParam("size", 1000).get(DELIVERIES).then(), 400).body("errors[0].field", equalTo("size"));
        problem(asViewer().queryParam("page", -1).get(DELIVERIES).then(), 400);
        problem(asViewer().queryParam("from", "yesterday").get(DELIVERIES).then(), 400).body("errors[0].field", equalTo("from"));
        problem(asViewer().queryParam("from", "now").queryParam("to", "1h").get(DELIVERIES).then(), 400);
        problem(asViewer().queryParam("receiver", "a/b").get(DELIVERIES).then(), 400);
        problem(asViewer().get(DELIVERIES + "/not-a-uuid").then(), 400).body("errors[0].field", equalTo("id"));
        problem(asViewer().get(DELIVERIES + "/" + UUID.randomUUID()).then(), 404);
        problem(asAdmin().post(DELIVERIES + "/" + UUID.randomUUID() + "/retry").then(), 404);
        problem(asAdmin().post(DELIVERIES + "/nope/retry").then(), 400);
    }

    @Test
    void shouldPageDeliveries() {
        asViewer().queryParam("page", 0).queryParam("size", 2).queryParam("state", "delivered").get(DELIVERIES).then()
                .statusCode(200).contentType("application/json").body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }
}
