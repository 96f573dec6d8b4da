package io.crowdpulse.common.overload.workers;

import java.util.List;

/** Does the work for one batch of items; an exception makes the worker retry the batch after a backoff. */
@FunctionalInterface
public interface BatchHandler<T> {

    void handle(List<T> batch) throws Exception;
}
