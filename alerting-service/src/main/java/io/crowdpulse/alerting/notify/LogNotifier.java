package io.crowdpulse.alerting.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.alerts.Alert;
import io.quarkus.arc.DefaultBean;

/** Writes every alert change to the log; the notification service with its receivers replaces it. */
@ApplicationScoped
@DefaultBean
public class LogNotifier implements AlertNotifier {

    private static final Logger LOG = Logger.getLogger(LogNotifier.class);

    @Override
    public void alertChanged(Alert alert) {
        LOG.infof("Alert %s %s: %s on %s (%s)", alert.rule(), alert.state().label(), alert.metric(), alert.target(),
                alert.summary());
    }
}
