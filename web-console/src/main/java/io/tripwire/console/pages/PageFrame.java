package io.tripwire.console.pages;

import io.quarkus.qute.TemplateData;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.web.Flash;

/** What the layout needs on every page: who is logged in, which tab, the refresh interval, a message. */
@TemplateData
public record PageFrame(ConsoleSession session, String active, String title, long refreshSeconds, Flash flash) {
}
