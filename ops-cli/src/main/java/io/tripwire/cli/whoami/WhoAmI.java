package io.tripwire.cli.whoami;

import java.util.List;

/** {@code GET /api/v1/whoami} answer: the calling key as the service sees it. */
public record WhoAmI(String principal, List<String> scopes, String service, String instance) {
}
