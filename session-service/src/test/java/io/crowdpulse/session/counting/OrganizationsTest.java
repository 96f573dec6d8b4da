package io.crowdpulse.session.counting;

import static io.crowdpulse.session.support.Api.asViewer;
import static io.crowdpulse.session.support.Api.heartbeat;
import static io.crowdpulse.session.support.Api.trackAll;
import static io.crowdpulse.session.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class OrganizationsTest {

    @Test
    void shouldListOrganizationsBusiestFirstAndCutAtTop() {
        String big = unique("big");
        String mid = unique("mid");
        String small = unique("small");
        String module = unique("mod");
        List<Map<String, Object>> heartbeats = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            heartbeats.add(heartbeat(big + "-u" + i, big, big + "-s" + i, module));
        }
        for (int i = 0; i < 600; i++) {
            heartbeats.add(heartbeat(mid + "-u" + i, mid, mid + "-s" + i, module));
        }
        for (int i = 0; i < 3; i++) {
            heartbeats.add(heartbeat(small + "-u" + i, small, small + "-s" + i, module));
        }
        trackAll(heartbeats);

        List<Map<String, Object>> all = asViewer().queryParam("top", 10000)
                .get("/api/v1/concurrent-users/organizations").then().statusCode(200)
                .extract().jsonPath().getList("organizations");
        List<String> ids = all.stream().map(o -> (String) o.get("organizationId")).toList();
        assertTrue(ids.indexOf(big) < ids.indexOf(mid) && ids.indexOf(mid) < ids.indexOf(small));
        assertEquals(700, ((Number) all.get(ids.indexOf(big)).get("concurrentUsers")).longValue());
        assertEquals(3, ((Number) all.get(ids.indexOf(small)).get("concurrentUsers")).longValue());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(((Number) all.get(i - 1).get("concurrentUsers")).longValue()
                    >= ((Number) all.get(i).get("concurrentUsers")).longValue());
        }

        // No other test makes an organization of 700 users, so these two are the top two.
        List<Map<String, Object>> top = asViewer().queryParam("top", 2)
                .get("/api/v1/concurrent-users/organizations").then().statusCode(200)
                .extract().jsonPath().getList("organizations");
        assertEquals(2, top.size());
        assertEquals(big, top.get(0).get("organizationId"));
        assertEquals(mid, top.get(1).get("organizationId"));

        List<Map<String, Object>> modules = asViewer().get("/api/v1/concurrent-users/modules").then().statusCode(200)
                .extract().jsonPath().getList("modules");
        assertTrue(modules.stream().anyMatch(m -> module.equals(m.get("moduleId"))
                && ((Number) m.get("concurrentUsers")).longValue() == 1303));
    }
}
