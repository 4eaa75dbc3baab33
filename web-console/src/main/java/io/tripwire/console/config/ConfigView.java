package io.tripwire.console.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.qute.TemplateData;
import io.tripwire.controlplane.riskconfig.FieldChange;
import io.tripwire.controlplane.riskconfig.RiskConfigStore;
import io.tripwire.controlplane.riskconfig.RiskField;
import io.tripwire.controlplane.riskconfig.RiskFields;
import io.tripwire.controlplane.riskconfig.RiskSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The risk configuration as the API and the page show it: the version in force, every setting with its value,
 * default and bounds, and (when the newest stored version does not validate) why it was refused.
 */
@TemplateData
public record ConfigView(long version, @JsonProperty("newest_version") long newestVersion,
                         @JsonProperty("newest_refused") Map<String, String> newestRefused,
                         @JsonProperty("updated_at") Instant updatedAt, @JsonProperty("updated_by") String updatedBy,
                         String reason, List<Setting> settings) {

    /** One setting: {@code set} false = the service's own setting (its default) is in force. */
    @TemplateData
    public record Setting(String name, String value, @JsonProperty("default") String defaultValue, boolean set,
                          String kind, String min, String max, @JsonProperty("safer") String safer, String service,
                          String description) {
    }

    /** A change's old → new, as the preview and the apply answer list it. */
    @TemplateData
    public record Change(String field, @JsonProperty("old") String oldValue, @JsonProperty("new") String newValue,
                         @JsonProperty("old_is_default") boolean oldIsDefault,
                         @JsonProperty("new_is_default") boolean newIsDefault, String direction) {
        static Change of(FieldChange c) {
            return new Change(c.field(), c.oldValue(), c.newValue(), c.oldIsDefault(), c.newIsDefault(), c.direction());
        }

        public static List<Change> of(List<FieldChange> changes) {
            return changes.stream().map(Change::of).toList();
        }
    }

    public static ConfigView of(RiskConfigStore.Loaded loaded) {
        RiskSettings s = loaded.current();
        List<Setting> settings = RiskFields.ALL.stream().map(f -> setting(f, s)).toList();
        return new ConfigView(s.version(), loaded.newestVersion(), loaded.newestProblems(), s.createdAt(), s.createdBy(),
                s.reason(), settings);
    }

    private static Setting setting(RiskField f, RiskSettings s) {
        return new Setting(f.name(), s.effective(f), f.defaultValue(), s.isSet(f), f.kind().name().toLowerCase(),
                f.min(), f.max(), f.higherIsSafer() ? "higher" : "lower", f.service(), f.description());
    }
}
