package io.tripwire.healthmonitor.poll;

import io.tripwire.healthmonitor.check.Observation;
import java.time.Instant;

/** The result of polling one component once: an observation, or why the check could not complete. */
public record PollOutcome(String component, Observation observation, String error, Instant at) {

    public boolean completed() {
        return observation != null;
    }
}
