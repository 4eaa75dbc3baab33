package io.tripwire.gateway.support;

import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample from the gateway's {@code /q/metrics} (Prometheus text). */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels} (e.g. {@code mode="HALT_ONLY"}); NaN when absent. */
    public static double value(String name, String labels) {
        String text = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }
}
