package io.crowdpulse.common.paging;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a list: {@code {"items":[…],"page":0,"size":50,"total":1234}}. */
@RegisterForReflection
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
