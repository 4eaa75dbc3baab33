package io.tripwire.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small helpers to print parts of JSON answers. */
public final class Texts {

    private Texts() {
    }

    /** The elements of a JSON array of strings, comma separated ("" for a missing array). */
    public static String join(JsonNode array, String separator) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(separator, values);
    }

    /** The text of a field, or "-" when it is missing or null. */
    public static String orDash(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : "-";
    }
}
