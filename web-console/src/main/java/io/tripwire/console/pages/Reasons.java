package io.tripwire.console.pages;

import io.tripwire.console.session.ConsoleSession;

/** The reason an operator types, checked, and the form forwarded to the gateway (with the operator's name). */
final class Reasons {

    static final int MAX = 400;

    private Reasons() {
    }

    /** Null when fine; else what is wrong. */
    static String problem(String reason, int minimum) {
        String trimmed = reason == null ? "" : reason.trim();
        if (trimmed.length() < minimum) {
            return "The reason must be at least " + minimum + " characters (it has " + trimmed.length() + ").";
        }
        if (trimmed.length() > MAX) {
            return "The reason must be at most " + MAX + " characters.";
        }
        return null;
    }

    /** {@code [console operator alice] <reason>}: the gateway's own audit row then names the person. */
    static String forwarded(ConsoleSession session, String reason) {
        return "[console operator " + session.username() + "] " + reason.trim();
    }

    static boolean checked(String checkbox) {
        return checkbox != null && !checkbox.isBlank() && !"false".equalsIgnoreCase(checkbox);
    }
}
