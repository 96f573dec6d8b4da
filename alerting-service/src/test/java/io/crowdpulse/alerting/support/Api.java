package io.crowdpulse.alerting.support;

import java.util.UUID;

import io.crowdpulse.common.testing.TestKeys;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key, for the alerting-service API tests. */
public final class Api {

    public static final String INGEST_KEY = TestKeys.INGEST;
    public static final String VIEWER_KEY = TestKeys.VIEWER;
    public static final String ADMIN_KEY = TestKeys.ADMIN;

    private Api() {
    }

    public static RequestSpecification asIngest() {
        return TestKeys.asIngest();
    }

    public static RequestSpecification asViewer() {
        return TestKeys.asViewer();
    }

    public static RequestSpecification asAdmin() {
        return TestKeys.asAdmin();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
