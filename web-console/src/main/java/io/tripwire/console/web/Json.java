package io.tripwire.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Turns the gateway's JSON into plain strings and rows for the templates (which escape them). */
public final class Json {

    /** One labelled value. */
    @TemplateData
    public record Field(String name, String value) {
    }

    /** A table: column names and rows of cells. */
    @TemplateData
    public record Table(List<String> columns, List<List<String>> rows) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** An empty array, for iterating over a body that is not there. */
    public static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

    private Json() {
    }

    /** The field as text: "" when missing or null; objects and arrays as compact JSON. */
    public static String text(JsonNode node, String field) {
        return text(node.path(field));
    }

    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Every field of an object, in order. */
    public static List<Field> fields(JsonNode object) {
        List<Field> fields = new ArrayList<>();
        if (object != null && object.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                var entry = it.next();
                fields.add(new Field(entry.getKey(), text(entry.getValue())));
            }
        }
        return fields;
    }

    /** The array's objects as rows of the given columns. */
    public static Table table(JsonNode array, String... columns) {
        List<List<String>> rows = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                List<String> row = new ArrayList<>();
                for (String column : columns) {
                    row.add(text(item, column));
                }
                rows.add(row);
            }
        }
        return new Table(List.of(columns), rows);
    }
}
