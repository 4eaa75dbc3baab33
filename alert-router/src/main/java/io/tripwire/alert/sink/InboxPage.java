package io.tripwire.alert.sink;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /inbox}: a static page that asks for an API key (kept in the tab's sessionStorage only) and lists
 * {@code /api/v1/inbox}. The page holds no data, so it is served without a key; every message still needs
 * {@code alerts:admin} (ADR 0036).
 */
@Path("/inbox")
public class InboxPage {

    private static final String PAGE = load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return PAGE;
    }

    private static String load() {
        try (InputStream in = InboxPage.class.getResourceAsStream("/inbox.html")) {
            if (in == null) {
                throw new IllegalStateException("inbox.html missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
