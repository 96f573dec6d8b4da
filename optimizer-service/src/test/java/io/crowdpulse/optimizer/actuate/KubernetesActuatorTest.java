package io.crowdpulse.optimizer.actuate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** The Kubernetes actuator against fabric8's mock API server in CRUD mode: it really scales the Deployment. */
@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorTest {

    static KubernetesClient client;

    private KubernetesActuator actuator;

    @BeforeEach
    void deployment() {
        client.apps().deployments().inNamespace("crowdpulse").resource(new DeploymentBuilder()
                .withNewMetadata().withName("session-service").withNamespace("crowdpulse").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "session-service").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "session-service").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("crowdpulse/session-service").endContainer()
                .endSpec().endTemplate().endSpec().build()).createOr(r -> r.update());
        actuator = new KubernetesActuator(client, Map.of("session-service",
                new KubernetesActuator.DeploymentRef("crowdpulse", "session-service"),
                "gone", new KubernetesActuator.DeploymentRef("crowdpulse", "no-such-deployment")), 6);
    }

    @Test
    void shouldReadAndScaleTheReplicasOfATargetsDeployment() throws Exception {
        assertEquals(2, actuator.replicas("session-service").getAsInt());
        assertEquals(4, actuator.scale("session-service", 4));
        assertEquals(4, client.apps().deployments().inNamespace("crowdpulse").withName("session-service").get()
                .getSpec().getReplicas(), "the Deployment itself asks for 4 replicas now");
        assertEquals(4, actuator.replicas("session-service").getAsInt());
        assertEquals(2, actuator.scale("session-service", 2), "and back");
    }

    @Test
    void shouldRefuseCountsOutsideItsBoundsAndTargetsWithoutADeployment() {
        ActuationException tooMany = assertThrows(ActuationException.class, () -> actuator.scale("session-service", 7));
        assertTrue(tooMany.getMessage().contains("between 1 and 6"), tooMany.getMessage());
        assertThrows(ActuationException.class, () -> actuator.scale("session-service", 0));
        assertThrows(ActuationException.class, () -> actuator.scale("unmanaged", 2));
        ActuationException missing = assertThrows(ActuationException.class, () -> actuator.scale("gone", 2));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        assertFalse(actuator.manages("unmanaged"));
        assertTrue(actuator.replicas("gone").isEmpty());
        assertEquals(2, client.apps().deployments().inNamespace("crowdpulse").withName("session-service").get()
                .getSpec().getReplicas(), "nothing changed");
    }
}
