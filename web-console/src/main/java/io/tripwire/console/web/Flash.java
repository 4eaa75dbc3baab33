package io.tripwire.console.web;

import io.quarkus.qute.TemplateData;

/** A message on top of a page: {@code kind} ok, error or warning (CSS class). */
@TemplateData
public record Flash(String kind, String text) {

    public static Flash ok(String text) {
        return new Flash("ok", text);
    }

    public static Flash error(String text) {
        return new Flash("error", text);
    }

    public static Flash warning(String text) {
        return new Flash("warning", text);
    }
}
