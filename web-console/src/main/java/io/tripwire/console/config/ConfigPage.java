package io.tripwire.console.config;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Map;

/**
 * What the Configuration page shows: every setting with the value in its input and its field error, and
 * after a preview the old → new list that Confirm applies.
 */
@TemplateData
public record ConfigPage(ConfigView view, List<Row> rows, String reason, List<ConfigView.Change> preview,
                         long previewVersion, boolean previewed) {

    /** One line of the form. */
    @TemplateData
    public record Row(ConfigView.Setting setting, String input, String error) {
    }

    static ConfigPage of(ConfigView view, Map<String, String> inputs, Map<String, String> errors, String reason) {
        List<Row> rows = view.settings().stream().map(s -> new Row(s,
                inputs.getOrDefault(s.name(), s.value()), errors.get(s.name()))).toList();
        return new ConfigPage(view, rows, reason == null ? "" : reason, List.of(), view.newestVersion(), false);
    }

    ConfigPage withPreview(List<ConfigView.Change> changes, long version) {
        return new ConfigPage(view, rows, reason, changes, version, true);
    }
}
