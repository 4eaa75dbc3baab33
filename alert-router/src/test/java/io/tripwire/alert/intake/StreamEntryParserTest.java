package io.tripwire.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamEntryParserTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void readsWhatAlertPublisherWrites() {
        IncomingAlert a = StreamEntryParser.parse("1-0", Map.of("severity", "CRITICAL", "source", "gateway", "summary", "venue down",
                "details", "{\"labels\":{\"desk\":\"fx\"},\"n\":1}", "dedup_key", "venue", "status", "resolved",
                "created_at", "2026-11-21T09:59:59Z"), NOW);
        assertThat(a.poisonReason()).isNull();
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.resolved()).isTrue();
        assertThat(a.labels()).containsEntry("desk", "fx");
        assertThat(a.streamId()).isEqualTo("1-0");
    }

    @Test
    void anythingUnreadableIsKeptAsAnUnparsableAlertWithItsRawFields() {
        for (Map<String, String> fields : new Map[] {Map.of(), Map.of("severity", "LOUD"),
                Map.of("severity", "INFO", "source", "s", "summary", "x", "dedup_key", "k", "status", "firing", "created_at", "now"),
                Map.of("severity", "INFO", "source", "s", "summary", "x", "dedup_key", "k", "status", "firing",
                        "created_at", "2026-11-21T09:59:59Z", "details", "[1]")}) {
            IncomingAlert a = StreamEntryParser.parse("7-1", fields, NOW);
            assertThat(a.poisonReason()).startsWith("unparsable stream entry");
            assertThat(a.details()).containsKey("raw_fields");
            assertThat(a.dedupKey()).isEqualTo("unparsable:7-1");
        }
    }
}
