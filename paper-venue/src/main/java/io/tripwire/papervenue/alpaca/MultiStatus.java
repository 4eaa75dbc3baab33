package io.tripwire.papervenue.alpaca;

import org.jboss.resteasy.reactive.RestResponse;

/** Alpaca answers bulk cancels and closes with 207 Multi-Status and one result per order or position. */
public final class MultiStatus {

    public static final int STATUS = 207;

    private MultiStatus() {
    }

    public static <T> RestResponse<T> of(T results) {
        return RestResponse.ResponseBuilder.<T>create(STATUS).entity(results).build();
    }
}
