package io.tripwire.papervenue.order;

import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.papervenue.VenueTestSupport;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad order bodies are answered 400/422 in Alpaca's shape, never 500, and never leave an order behind. */
@QuarkusTest
class BadOrderInputTest {

    private static final String REST = "'side':'buy','type':'market','time_in_force':'day'";

    @Inject
    VenueTestSupport support;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("missing symbol", 422, "{'qty':'1'," + REST + "}"),
                Arguments.of("zero qty", 422, "{'symbol':'AAPL','qty':'0'," + REST + "}"),
                Arguments.of("negative qty", 422, "{'symbol':'AAPL','qty':-5," + REST + "}"),
                Arguments.of("NaN qty as text", 422, "{'symbol':'AAPL','qty':'NaN'," + REST + "}"),
                Arguments.of("NaN qty as a bare token", 400, "{'symbol':'AAPL','qty':NaN," + REST + "}"),
                Arguments.of("Infinity qty", 422, "{'symbol':'AAPL','qty':'Infinity'," + REST + "}"),
                Arguments.of("huge qty", 422, "{'symbol':'AAPL','qty':'1e30'," + REST + "}"),
                Arguments.of("huge qty as a number", 422, "{'symbol':'AAPL','qty':99999999999999999999999," + REST + "}"),
                Arguments.of("notional beyond the maximum", 422, "{'symbol':'AAPL','qty':'60000'," + REST + "}"),
                Arguments.of("qty not a number", 422, "{'symbol':'AAPL','qty':'ten'," + REST + "}"),
                Arguments.of("qty an object", 422, "{'symbol':'AAPL','qty':{'v':1}," + REST + "}"),
                Arguments.of("unknown symbol", 422, "{'symbol':'NOPE','qty':'1'," + REST + "}"),
                Arguments.of("unknown side", 422, "{'symbol':'AAPL','qty':'1','side':'hold','type':'market','time_in_force':'day'}"),
                Arguments.of("stop order", 422, "{'symbol':'AAPL','qty':'1','side':'buy','type':'stop','stop_price':'1','time_in_force':'day'}"),
                Arguments.of("limit without price", 422, "{'symbol':'AAPL','qty':'1','side':'buy','type':'limit','time_in_force':'gtc'}"),
                Arguments.of("malformed JSON", 400, "{'symbol':'AAPL',"),
                Arguments.of("JSON array", 422, "[]"),
                Arguments.of("JSON null", 400, "null"),
                Arguments.of("empty body", 400, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badOrderIsRefusedWithAnAlpacaErrorAndNothingIsStored(String name, int status, String body) {
        alpaca().contentType("application/json").body(body.replace('\'', '"')).post("/v2/orders").then()
                .statusCode(status)
                .body("code", anyOf(equalTo(40010000), equalTo(40010001)));
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isZero();
    }
}
