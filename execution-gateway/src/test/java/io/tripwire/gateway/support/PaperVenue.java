package io.tripwire.gateway.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The running paper venue, driven as a test would from outside: its Alpaca API, its fault injection, its tables. */
public final class PaperVenue {

    private static volatile io.tripwire.controlplane.testing.ServiceProcess started;

    private PaperVenue() {
    }

    /** For process-level tests that start the venue themselves (no Quarkus test resource). */
    public static void use(io.tripwire.controlplane.testing.ServiceProcess venue) {
        started = venue;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + (started != null ? started : PaperVenueResource.venue()).port();
    }

    public static RequestSpecification alpaca() {
        return given().baseUri(baseUrl()).header("APCA-API-KEY-ID", "paper-key").header("APCA-API-SECRET-KEY", "paper-secret");
    }

    /** POST /admin/faults, e.g. {@code Map.of("error_rate", 1)}. */
    public static void faults(String adminKey, Map<String, Object> settings) {
        given().baseUri(baseUrl()).header("X-API-Key", adminKey).contentType(ContentType.JSON).body(settings)
                .post("/admin/faults").then().statusCode(200);
    }

    public static void clearFaults(String adminKey) {
        given().baseUri(baseUrl()).header("X-API-Key", adminKey).delete("/admin/faults").then().statusCode(200);
    }

    /** Signed position quantity per symbol, as the venue reports it. */
    public static Map<String, BigDecimal> positions() {
        List<Map<String, Object>> positions = alpaca().get("/v2/positions").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return positions.stream().collect(java.util.stream.Collectors.toMap(p -> (String) p.get("symbol"),
                p -> new BigDecimal((String) p.get("qty"))));
    }

    public static int openOrders() {
        return alpaca().queryParam("status", "open").get("/v2/orders").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }

    /** Empties the venue's book: no orders, no positions, starting cash (the price walks continue). */
    public static void resetBook() {
        try (Connection c = DriverManager.getConnection(io.tripwire.controlplane.testing.TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE paper_venue.paper_orders, paper_venue.positions");
            s.execute("UPDATE paper_venue.account SET cash = starting_cash");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the paper venue's book", e);
        }
    }
}
