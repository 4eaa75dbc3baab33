package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;

/**
 * One monitored component. {@link #check()} completes with a verdict, or fails when the monitor could not find
 * out (then the last known status is served as stale). CDI beans of this type are polled too.
 */
public interface ComponentCheck {

    /** Unique, stable name: metric tag, dedup key {@code health:<name>}, summary entry. */
    String name();

    /** What kind of component this is: service, redis, postgres, stream, poison-queue, heartbeats. */
    String kind();

    Uni<Observation> check();
}
