package io.tripwire.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tripwire.alert.channel.SendResult;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import io.tripwire.controlplane.alert.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink file: appended owner-only, read newest first across chunk boundaries, torn lines skipped, a failed write retried. */
class SinkFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    static Delivery delivery(long id, Channel channel, String recipient, boolean resolve) {
        return new Delivery(id, 100 + id, channel, recipient, resolve, Severity.CRITICAL, "dk-" + id, 1, null,
                CLOCK.instant(), "execution-gateway", "Circuit breaker TRIPPED: MANUAL - test " + id, "{\"n\":" + id + "}",
                CLOCK.instant().minusSeconds(1));
    }

    private SinkSender sender(Path file) {
        return new SinkSender(new SinkFile(file, MAPPER), new ChannelDestinations(DestinationRulesTest.shipped(Map.of())), CLOCK);
    }

    @Test
    void aDeliveryIsOneJsonLineInAnOwnerOnlyFileInACreatedDirectory() throws IOException {
        Path file = dir.resolve("run/sub/alert-sink.jsonl");
        SendResult result = sender(file).send(delivery(7, Channel.PAGERDUTY, "platform-team", false)).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isEqualTo(SendResult.accepted("sink:7-1"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).singleElement().asString().startsWith("{\"id\":\"7-1\"").contains("\"channel\":\"pagerduty\"")
                .contains("\"recipient\":\"platform-team\"").contains("\"subject\":\"[CRITICAL] Circuit breaker TRIPPED: MANUAL - test 7 (execution-gateway)\"")
                .contains("\"delivered_at\":\"2026-11-21T10:00:00Z\"").contains("\"provider\":\"events.pagerduty.com\"")
                .contains("\"reason\":\"PagerDuty routing key for 'platform-team' is a placeholder\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theInboxReadsNewestFirstAcrossChunksAndSkipsATornLine() throws IOException {
        Path file = dir.resolve("alert-sink.jsonl");
        SinkSender sender = sender(file);
        for (int i = 1; i <= 600; i++) { // ~ 500 bytes a line: several 64 KiB chunks
            sender.send(delivery(i, i % 2 == 0 ? Channel.SMS : Channel.SLACK, i % 2 == 0 ? "+15550001111" : "#ops", i == 600))
                    .await().atMost(Duration.ofSeconds(5));
        }
        Files.writeString(file, "{\"id\":\"torn", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        SinkFile sink = new SinkFile(file, MAPPER);

        List<SinkMessage> newest = sink.newestFirst(3, m -> true);
        assertThat(newest).extracting(SinkMessage::deliveryId).containsExactly(600L, 599L, 598L);
        assertThat(newest.get(0).kind()).isEqualTo("resolve");
        assertThat(newest.get(0).subject()).startsWith("[RESOLVED]");

        List<SinkMessage> all = sink.newestFirst(1000, m -> true);
        assertThat(all).hasSize(600);
        List<Long> ids = new ArrayList<>(all.stream().map(SinkMessage::deliveryId).toList());
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        assertThat(sink.newestFirst(5, m -> m.channel().equals("slack"))).extracting(SinkMessage::deliveryId)
                .containsExactly(599L, 597L, 595L, 593L, 591L);
    }

    @Test
    void aMissingFileIsAnEmptyInbox() throws IOException {
        assertThat(new SinkFile(dir.resolve("none.jsonl"), MAPPER).newestFirst(10, m -> true)).isEmpty();
    }

    @Test
    void aSinkThatCannotBeWrittenIsARetryableFailureNotADrop() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        SendResult result = sender(notADirectory.resolve("alert-sink.jsonl"))
                .send(delivery(9, Channel.EMAIL, "ops@example.com", false)).await().atMost(Duration.ofSeconds(5));
        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.message()).contains("not written");
        });
    }
}
