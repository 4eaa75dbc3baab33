package io.tripwire.alert.it;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tripwire.alert.support.ProviderStubs;
import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged alert-router as a real process, a Slack stub that answers slowly, N alerts XADDed to alerts:stream,
 * {@code kill -9} mid-delivery, restart: every alert reaches the provider at least once (WireMock's journal) and
 * every alert_deliveries row ends 'delivered'; the stream has nothing left un-ACKed.
 */
class KillNineDeliveryIT {

    private static final int ALERTS = 300;
    private static final String REDIS = System.getProperty("%test.quarkus.redis.hosts", "redis://127.0.0.1:6379/4");
    private static WireMockServer slack;

    @BeforeAll
    static void stubAndClean() throws Exception {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(60));
        slack.start();
        slack.stubFor(post(urlPathEqualTo(ProviderStubs.SLACK_POST)).willReturn(ProviderStubs.json(200,
                "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}").withFixedDelay(300)));
        Redis.run(REDIS, List.of("FLUSHDB"));
        sql("TRUNCATE alert_deliveries, alerts, alert_rules, alert_stream_receipts RESTART IDENTITY CASCADE");
    }

    @AfterAll
    static void stop() {
        if (slack != null) {
            slack.stop();
        }
    }

    @Test
    void everyAlertIsDeliveredAtLeastOnceAfterAKillNineMidDelivery() throws Exception {
        Path jar = Path.of(System.getProperty("service.jar"));
        try (ServiceProcess first = ServiceProcess.start("alert-router-a", jar, env())) {
            Redis.run(REDIS, Redis.xadds(ALERTS));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count("SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'") >= 40);
            first.kill9();
        }
        long deliveredBeforeRestart = count("SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'");
        assertThat(deliveredBeforeRestart).as("killed mid-delivery").isLessThan(ALERTS);

        try (ServiceProcess second = ServiceProcess.start("alert-router-b", jar, env())) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                    count("SELECT count(*) FROM alerts") == ALERTS
                            && count("SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'") == ALERTS);
            assertThat(count("SELECT count(*) FROM alert_deliveries")).isEqualTo(ALERTS);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Redis.pending(REDIS) == 0);
        }
        Map<String, Integer> seen = new HashMap<>();
        Pattern tag = Pattern.compile("kill9-alert-(\\d{4})");
        for (LoggedRequest request : slack.findAll(postRequestedFor(urlPathEqualTo(ProviderStubs.SLACK_POST)))) {
            Matcher m = tag.matcher(java.net.URLDecoder.decode(request.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8));
            if (m.find()) {
                seen.merge(m.group(1), 1, Integer::sum);
            }
        }
        assertThat(seen).as("alerts that reached Slack").hasSize(ALERTS);
    }

    private static Map<String, String> env() {
        String base = "http://127.0.0.1:" + slack.port();
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", REDIS);
        env.put("PG_URL", TestKeys.TEST_PG_URL);
        env.put("PG_JDBC_URL", TestKeys.TEST_JDBC_URL);
        env.put("ALERT_SLACK_METHODS_URL", base + "/api/");
        env.put("SLACK_BOT_TOKEN", "xoxb-kill9-test"); // a real-looking token: Slack is live (the stub), not the sink
        env.put("ALERT_SINK_FILE", Path.of("target", "kill9-alert-sink.jsonl").toAbsolutePath().toString());
        env.put("ALERT_SENDGRID_HOST", "127.0.0.1:" + slack.port());
        env.put("ALERT_TWILIO_BASE_URL", base);
        env.put("ALERT_PAGERDUTY_BASE_URL", base);
        env.put("ALERT_DELIVERY_STUCK_AFTER", "3s");
        env.put("ALERT_DELIVERY_PROVIDER_TIMEOUT", "5s");
        env.put("ALERT_INTAKE_STREAM_CLAIM_IDLE", "2s");
        env.put("ALERT_BACKOFF_INITIAL", "200ms");
        env.put("ALERT_RATE_LIMITS_GLOBAL_PER_MINUTE", "100000");
        env.put("ALERT_RATE_LIMITS_SLACK_PER_MINUTE", "100000");
        env.put("ALERT_RATE_LIMITS_SLACK_PER_RECIPIENT_PER_HOUR", "100000");
        return env;
    }

    static long count(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres")) {
            c.createStatement().execute(statement);
        }
    }
}
