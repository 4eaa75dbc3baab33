package io.tripwire.console.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Canned gateway, health-monitor and alert-router answers. */
public final class ConsoleFixtures {

    public static final String OPEN_BREAKER = """
            {"state":"OPEN","effective_status":"OPEN","trip_count_today":0,"version":3,"staleness_seconds":0.2}""";
    public static final String TRIPPED_BREAKER = """
            {"state":"TRIPPED","effective_status":"TRIPPED","trip_reason":"MANUAL","tripped_at":"2026-12-06T10:00:00Z",
             "trip_details":{"message":"manual halt for the market open","tripped_by":"key:abcd1234"},
             "trip_count_today":1,"version":4,"staleness_seconds":0.1}""";
    public static final String HISTORY = """
            {"source":"redis","entries":[{"tripped_at":"2026-12-06T10:00:00Z","reason":"MANUAL","message":"manual halt","tripped_by":"key:abcd1234"}]}""";
    public static final String KILL_OFF = """
            {"available":true,"active":false,"version":1}""";
    public static final String STATUS = """
            {"generated_at":"2026-12-06T10:00:00Z","trading_mode":"paper",
             "breaker":{"state":"OPEN"},"kill_switch":{"active":false},"reconciliation":{"state":"READY"},
             "pnl":{"equity":100000,"daily_pnl":12.5},"positions":[{"symbol":"AAPL","qty":10,"avg_entry_price":190}],
             "open_orders":[{"id":"o-1","symbol":"AAPL","side":"buy","status":"ACCEPTED","qty":5}],"errors":{}}""";
    public static final String SUMMARY = """
            {"status":"UNHEALTHY","stale":false,"generated_at":"2026-12-06T10:00:00Z","poll_interval_ms":10000,"components":[
             {"name":"execution-gateway","kind":"service","status":"HEALTHY","stale":false,"age_ms":2100,"latency_ms":4,"message":"ready in 4 ms"},
             {"name":"redis","kind":"redis","status":"DEGRADED","stale":false,"age_ms":900,"latency_ms":300,"message":"PING slow"},
             {"name":"reconciler","kind":"service","status":"UNHEALTHY","stale":false,"age_ms":1000,"latency_ms":null,"message":"refused"},
             {"name":"poison-queue","kind":"poison-queue","status":"HEALTHY","stale":true,"age_ms":45000,"message":"0 deliveries","error":"check failed: timeout"},
             {"name":"alert-router","kind":"service","status":"UNKNOWN","stale":false,"age_ms":null,"message":null}]}""";

    public static final String ORDERS = """
            [{"id":"6f1c0000-0000-4000-8000-000000000001","client_order_id":"coid-filled","symbol":"AAPL","side":"buy","type":"market",
              "qty":10,"status":"FILLED","filled_qty":10,"avg_fill_price":190.25,"created_at":"2026-12-06T10:00:00Z"},
             {"id":"6f1c0000-0000-4000-8000-000000000002","client_order_id":"coid-rejected","symbol":"MSFT","side":"sell","type":"limit",
              "qty":3,"limit_price":410.5,"status":"REJECTED","filled_qty":0,"reject_code":"FAT_FINGER",
              "reject_message":"notional 1231.5 above the cap","created_at":"2026-12-06T09:59:00Z"}]""";
    public static final String POSITIONS = """
            [{"symbol":"AAPL","qty":10,"avg_entry_price":190.25,"current_price":191.75,"unrealized_pnl":15.25}]""";
    public static final String RULES = """
            [{"id":7,"name":"critical to pager","priority":10,"severities":["CRITICAL"],"match_labels":{"team":"trading"},
              "targets":[{"channel":"pagerduty","recipient":"platform-team"},{"channel":"sms","recipient":"+15551234567"}],
              "escalation":[{"channel":"email","recipient":"ops@tripwire.invalid"}],"stop_on_match":true,"enabled":true,
              "created_by":"key:abcd1234","created_at":"2026-12-06T08:00:00Z","updated_at":"2026-12-06T08:00:00Z"}]""";
    public static final String DELIVERIES = """
            [{"id":41,"alert_id":9,"channel":"email","recipient":"ops@tripwire.invalid","kind":"trigger","status":"poison",
              "severity":"CRITICAL","retry_count":8,"error_message":"permanent: sendgrid 400 bad recipient",
              "created_at":"2026-12-06T10:00:00Z","failed_at":"2026-12-06T10:05:00Z"},
             {"id":40,"alert_id":8,"channel":"slack","recipient":"#ops","kind":"trigger","status":"delivered","severity":"WARNING",
              "retry_count":0,"created_at":"2026-12-06T09:00:00Z","delivered_at":"2026-12-06T09:00:01.234Z"}]""";
    public static final String POISON = """
            [{"id":41,"alert_id":9,"channel":"email","recipient":"ops@tripwire.invalid","kind":"trigger","status":"poison",
              "severity":"CRITICAL","retry_count":8,"error_message":"permanent: sendgrid 400 bad recipient",
              "created_at":"2026-12-06T10:00:00Z","failed_at":"2026-12-06T10:05:00Z"}]""";

    private ConsoleFixtures() {
    }

    public static void stubReads(WireMockServer server, String breaker) {
        server.stubFor(get(urlPathEqualTo("/api/v1/circuit-breaker")).willReturn(json(200, breaker)));
        server.stubFor(get(urlPathEqualTo("/api/v1/circuit-breaker/history")).willReturn(json(200, HISTORY)));
        server.stubFor(get(urlPathEqualTo("/api/v1/kill-switch")).willReturn(json(200, KILL_OFF)));
        server.stubFor(get(urlPathEqualTo("/api/v1/status")).willReturn(json(200, STATUS)));
        server.stubFor(get(urlPathEqualTo("/api/v1/health/summary")).willReturn(json(200, SUMMARY)));
        server.stubFor(get(urlPathEqualTo("/api/v1/orders")).willReturn(json(200, ORDERS)));
        server.stubFor(get(urlPathEqualTo("/api/v1/positions")).willReturn(json(200, POSITIONS)));
        server.stubFor(get(urlPathEqualTo("/api/v1/rules")).willReturn(json(200, RULES)));
        server.stubFor(get(urlPathEqualTo("/api/v1/deliveries")).willReturn(json(200, DELIVERIES)));
        server.stubFor(get(urlPathEqualTo("/api/v1/deliveries")).withQueryParam("status",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("poison")).willReturn(json(200, POISON)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
