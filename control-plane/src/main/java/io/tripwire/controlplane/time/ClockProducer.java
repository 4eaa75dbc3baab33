package io.tripwire.controlplane.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.quarkus.arc.DefaultBean;
import java.time.Clock;

/** The one source of "now": logic takes an injected {@link Clock}; tests replace it with a fixed or mutable one. */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
