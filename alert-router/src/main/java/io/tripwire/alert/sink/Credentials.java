package io.tripwire.alert.sink;

import java.util.Locale;

/** Whether a configured credential can reach a provider: present, not blank, and not one of the placeholder defaults. */
public final class Credentials {

    /** Every shipped default ({@code SG.dev-placeholder}, {@code xoxb-dev-placeholder}, …) contains this word. */
    static final String PLACEHOLDER = "placeholder";

    private Credentials() {
    }

    public static boolean real(String value) {
        return value != null && !value.isBlank() && !value.toLowerCase(Locale.ROOT).contains(PLACEHOLDER);
    }
}
