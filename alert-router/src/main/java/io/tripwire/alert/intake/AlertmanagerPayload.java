package io.tripwire.alert.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prometheus Alertmanager webhook body (version 4); fields Tripwire does not use are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(String version, String groupKey, String status, String receiver,
                                  Map<String, String> commonLabels, String externalURL, List<Item> alerts) {

    /** One alert of the group. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                       Instant endsAt, String generatorURL, String fingerprint) {
    }
}
