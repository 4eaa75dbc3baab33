package io.tripwire.controlplane.audit;

import java.util.regex.Pattern;

/** Keeps API-key secrets out of logs and the audit log: only the public prefix survives. */
public final class SecretRedactor {

    private static final Pattern API_KEY = Pattern.compile("twk_([a-z0-9]{8})_[A-Za-z0-9_-]+");

    private SecretRedactor() {
    }

    public static String redact(String text) {
        return text == null ? null : API_KEY.matcher(text).replaceAll("twk_$1_[REDACTED]");
    }
}
