package io.tripwire.alert.intake;

import java.util.Map;
import java.util.TreeMap;

/** Routing labels of an alert: the string values of {@code details.labels} (if it is an object). */
final class Labels {

    private Labels() {
    }

    static Map<String, String> of(Map<String, Object> details) {
        Map<String, String> labels = new TreeMap<>();
        if (details.get("labels") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null && !(v instanceof Map) && !(v instanceof Iterable)) {
                    labels.put(k.toString(), v.toString());
                }
            });
        }
        return labels;
    }
}
