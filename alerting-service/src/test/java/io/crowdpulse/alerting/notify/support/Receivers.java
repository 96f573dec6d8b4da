package io.crowdpulse.alerting.notify.support;

import static io.crowdpulse.alerting.notify.support.Api.asAdmin;
import static io.crowdpulse.alerting.notify.support.Api.asViewer;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Receivers and deliveries over the REST API, for the notification tests. */
public final class Receivers {

    private Receivers() {
    }

    /** Creates a receiver that takes only the alerts of {@code target}, so tests do not see each other's alerts. */
    public static void create(String name, String type, String url, String target, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (url != null) {
            body.put("url", url);
        }
        body.put("match", Map.of("target", target));
        body.put("headers", headers);
        asAdmin().body(body).post("/api/v1/notifications/receivers").then().statusCode(201);
    }

    public static void delete(String name) {
        asAdmin().delete("/api/v1/notifications/receivers/" + name);
    }

    /** The deliveries to a receiver, newest first. */
    public static List<Map<String, Object>> deliveries(String receiver) {
        return asViewer().queryParam("receiver", receiver).get("/api/v1/notifications/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    public static Map<String, Object> delivery(String id) {
        return asViewer().get("/api/v1/notifications/deliveries/" + id).then().statusCode(200).extract().jsonPath()
                .getMap("$");
    }

    /** Waits for the receiver's only delivery to reach {@code state}, and returns it with its payload. */
    public static Map<String, Object> awaitOnlyDelivery(String receiver, String state, Duration atMost) {
        await().atMost(atMost).until(() -> {
            List<Map<String, Object>> all = deliveries(receiver);
            return all.size() == 1 && state.equals(all.get(0).get("state"));
        });
        return delivery((String) deliveries(receiver).get(0).get("id"));
    }
}
