package io.tripwire.healthmonitor.alert;

import io.tripwire.healthmonitor.check.ComponentStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * When to raise and resolve a component's alert: raise once after {@code raiseAfter} consecutive UNHEALTHY
 * polls, resolve once after {@code resolveAfter} consecutive HEALTHY polls. Anything else (DEGRADED, UNKNOWN)
 * breaks both streaks; a failed poll is not fed in at all. A flapping component keeps its one open alert.
 */
public final class Hysteresis {

    /** What a poll asks for. */
    public enum Decision { NONE, RAISE, RESOLVE }

    private record Streak(int unhealthy, int healthy, boolean open) {
    }

    private final int raiseAfter;
    private final int resolveAfter;
    private final Map<String, Streak> streaks = new HashMap<>();

    public Hysteresis(int raiseAfter, int resolveAfter) {
        if (raiseAfter < 1 || resolveAfter < 1) {
            throw new IllegalArgumentException("raise-after and resolve-after must be at least 1");
        }
        this.raiseAfter = raiseAfter;
        this.resolveAfter = resolveAfter;
    }

    public synchronized Decision observe(String component, ComponentStatus status) {
        Streak s = streaks.getOrDefault(component, new Streak(0, 0, false));
        Decision decision = Decision.NONE;
        switch (status) {
            case UNHEALTHY -> {
                s = new Streak(s.unhealthy() + 1, 0, s.open());
                if (!s.open() && s.unhealthy() >= raiseAfter) {
                    s = new Streak(s.unhealthy(), 0, true);
                    decision = Decision.RAISE;
                }
            }
            case HEALTHY -> {
                s = new Streak(0, s.healthy() + 1, s.open());
                if (s.open() && s.healthy() >= resolveAfter) {
                    s = new Streak(0, s.healthy(), false);
                    decision = Decision.RESOLVE;
                }
            }
            default -> s = new Streak(0, 0, s.open());
        }
        streaks.put(component, s);
        return decision;
    }

    /** The alert of a decision could not be queued: forget it, so the next poll decides again. */
    public synchronized void undo(String component, Decision decision) {
        Streak s = streaks.get(component);
        if (s != null && decision != Decision.NONE) {
            streaks.put(component, new Streak(s.unhealthy(), s.healthy(), decision == Decision.RESOLVE));
        }
    }

    /** True while this component's alert is raised and not yet resolved. */
    public synchronized boolean open(String component) {
        Streak s = streaks.get(component);
        return s != null && s.open();
    }
}
