package io.tripwire.alert.routing;

import java.util.List;

/** Where one alert goes: targets sent at once, and the escalation chain used when a critical target is given up. */
public record Route(List<Target> targets, List<Target> escalation) {

    public Route {
        targets = List.copyOf(targets);
        escalation = List.copyOf(escalation);
    }
}
