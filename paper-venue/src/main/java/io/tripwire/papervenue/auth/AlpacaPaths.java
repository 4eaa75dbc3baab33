package io.tripwire.papervenue.auth;

/** Which request paths belong to the Alpaca-compatible API (authenticated by APCA headers, not API keys). */
public final class AlpacaPaths {

    public static final String PREFIX = "/v2/";

    private AlpacaPaths() {
    }

    public static boolean isAlpaca(String path) {
        return path != null && path.startsWith(PREFIX);
    }
}
