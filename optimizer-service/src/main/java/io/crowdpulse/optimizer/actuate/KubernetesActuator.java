package io.crowdpulse.optimizer.actuate;

import java.util.Map;
import java.util.OptionalInt;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Scales the Deployment of a target through the Kubernetes API (the {@code k8s.replicas} knob). Plain
 * Java over a fabric8 client, so a test drives it against the fabric8 mock server.
 */
public final class KubernetesActuator {

    /** Where a target's Deployment is. */
    public record DeploymentRef(String namespace, String name) {
    }

    private final KubernetesClient client;
    private final Map<String, DeploymentRef> deployments;
    private final int maxReplicas;

    public KubernetesActuator(KubernetesClient client, Map<String, DeploymentRef> deployments, int maxReplicas) {
        if (maxReplicas < 1) {
            throw new IllegalArgumentException("maxReplicas must be at least 1: " + maxReplicas);
        }
        this.client = client;
        this.deployments = Map.copyOf(deployments);
        this.maxReplicas = maxReplicas;
    }

    public boolean manages(String target) {
        return deployments.containsKey(target);
    }

    public int maxReplicas() {
        return maxReplicas;
    }

    /** The replica count the target's Deployment asks for; empty when it is not managed or not found. */
    public OptionalInt replicas(String target) {
        DeploymentRef ref = deployments.get(target);
        if (ref == null) {
            return OptionalInt.empty();
        }
        try {
            Deployment d = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
            if (d == null || d.getSpec() == null) {
                return OptionalInt.empty();
            }
            Integer replicas = d.getSpec().getReplicas();
            return OptionalInt.of(replicas == null ? 1 : replicas);
        } catch (KubernetesClientException e) {
            return OptionalInt.empty();
        }
    }

    /** Sets the Deployment's replica count (1..maxReplicas) and answers the count it now asks for. */
    public int scale(String target, int replicas) throws ActuationException {
        DeploymentRef ref = deployments.get(target);
        if (ref == null) {
            throw new ActuationException("no Deployment configured for " + target);
        }
        if (replicas < 1 || replicas > maxReplicas) {
            throw new ActuationException("replicas must be between 1 and " + maxReplicas + ": " + replicas);
        }
        try {
            var resource = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name());
            if (resource.get() == null) {
                throw new ActuationException("Deployment " + ref.namespace() + "/" + ref.name() + " not found");
            }
            Deployment scaled = resource.edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec().build());
            return scaled.getSpec().getReplicas();
        } catch (KubernetesClientException e) {
            throw new ActuationException("scaling " + ref.namespace() + "/" + ref.name() + " failed: " + e.getMessage());
        }
    }
}
