package io.tripwire.controlplane.control;

import io.tripwire.controlplane.state.ControlValue;

/** "When the stores disagree, the more restrictive state wins" (DESIGN.md §2); ties go to the newer version. */
final class MostRestrictive {

    private MostRestrictive() {
    }

    static <T extends ControlValue> T of(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.restrictiveness() != b.restrictiveness()) {
            return a.restrictiveness() > b.restrictiveness() ? a : b;
        }
        return a.version() >= b.version() ? a : b;
    }

    static long nextVersion(ControlValue a, ControlValue b) {
        return Math.max(a == null ? 0 : a.version(), b == null ? 0 : b.version()) + 1;
    }
}
