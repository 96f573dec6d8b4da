package io.crowdpulse.optimizer.actuate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.targets.TuningClient;
import io.crowdpulse.optimizer.targets.TuningException;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Carries out a change: {@code k8s.replicas} through the Kubernetes actuator (when it is enabled and the
 * target names a Deployment), every other knob through the target's tuning API.
 */
@ApplicationScoped
public class Actuators {

    private static final Logger LOG = Logger.getLogger(Actuators.class);

    private final TuningClient tuning;
    private final Optional<KubernetesActuator> kubernetes;

    public Actuators(OptimizerConfig config, TuningClient tuning, Instance<KubernetesClient> kubernetesClient) {
        this.tuning = tuning;
        this.kubernetes = kubernetesEnabled(config.kubernetes().enabled())
                ? Optional.of(new KubernetesActuator(kubernetesClient.get(), deployments(config), config.maxReplicas()))
                : Optional.empty();
        kubernetes.ifPresent(k -> LOG.infof("Kubernetes actuator on, scaling up to %d replicas", config.maxReplicas()));
    }

    static boolean kubernetesEnabled(String setting) {
        return switch (setting.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> System.getenv("KUBERNETES_SERVICE_HOST") != null;
        };
    }

    private static Map<String, KubernetesActuator.DeploymentRef> deployments(OptimizerConfig config) {
        Map<String, KubernetesActuator.DeploymentRef> refs = new HashMap<>();
        config.targets().forEach((name, t) -> t.deployment().ifPresent(d -> refs.put(name,
                new KubernetesActuator.DeploymentRef(t.namespace().orElse(config.kubernetes().namespace()), d))));
        return refs;
    }

    /** The knobs of a target: its tuning API's, plus {@code k8s.replicas} when its Deployment is managed. */
    public List<KnobView> knobs(String target) throws TuningException {
        List<KnobView> knobs = tuning.knobs(target);
        OptionalInt replicas = replicas(target);
        if (replicas.isPresent()) {
            var all = new java.util.ArrayList<>(knobs);
            all.add(new KnobView(Proposal.REPLICAS, replicas.getAsInt(), 1, kubernetes.get().maxReplicas(), "replicas",
                    "Replicas of the target's Deployment (Kubernetes)"));
            return List.copyOf(all);
        }
        return knobs;
    }

    /** The target's replica count when its Deployment is managed. */
    public OptionalInt replicas(String target) {
        return kubernetes.filter(k -> k.manages(target)).map(k -> k.replicas(target)).orElse(OptionalInt.empty());
    }

    /** Sets {@code knob} of {@code target} to {@code value} and answers the value in force afterwards. */
    public double apply(String target, String knob, double value) throws ActuationException {
        if (Proposal.REPLICAS.equals(knob)) {
            KubernetesActuator k = kubernetes.filter(a -> a.manages(target)).orElseThrow(() -> new ActuationException(
                    "the Kubernetes actuator is off or " + target + " names no Deployment"));
            return k.scale(target, (int) Math.round(value));
        }
        try {
            return tuning.set(target, knob, value).value().doubleValue();
        } catch (TuningException e) {
            throw new ActuationException(e.getMessage());
        }
    }
}
