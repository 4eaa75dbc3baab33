package io.tripwire.gateway.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a clear 400 with the reject body and field errors, never a 500, and leaves nothing behind. */
@QuarkusTest
@WithTestResource(AlpacaStub.class)
class OrderValidationTest {

    @Inject Tradeable tradeable;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":",                                       // malformed JSON
            "[1,2,3]",                                                                              // not an object
            "{}",                                                                                   // missing everything
            "{\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\"}",                                 // no symbol
            "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"type\":\"market\"}",                              // no side
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"0\",\"type\":\"market\"}",             // zero
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"-5\",\"type\":\"market\"}",            // negative
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"NaN\",\"type\":\"market\"}",           // NaN as string
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":NaN,\"type\":\"market\"}",               // NaN literal
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":1e400,\"type\":\"market\"}",             // huge
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"99999999999999\",\"type\":\"market\"}",// too many digits
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"0.000000001\",\"type\":\"market\"}",   // too many decimals
            "{\"symbol\":\"NOPE\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\"}",             // unknown symbol
            "{\"symbol\":\"AA PL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\"}",            // bad symbol
            "{\"symbol\":\"AAPL\",\"side\":\"hold\",\"qty\":\"1\",\"type\":\"market\"}",            // unknown side
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"limit\"}",              // limit without price
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"limit_price\":\"1\"}",
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"notional\":\"100\",\"type\":\"market\"}",
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qyt\":\"1\",\"type\":\"market\"}",             // misspelled field
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"confidence\":\"1.5\"}",
            "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"client_order_id\":\"a b\"}",
    })
    void badInputIsA400WithTheRejectBodyAndNothingIsStoredOrSent(String body) {
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/orders")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("message", notNullValue());

        assertThat(tradeable.count("SELECT count(*) FROM orders")).isZero();
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders")));
    }

    @Test
    void fieldErrorsNameTheOffendingField() {
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body("{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"-1\",\"type\":\"market\"}")
                .post("/api/v1/orders")
                .then().statusCode(400).body("details.fields.qty", notNullValue());
    }

    @Test
    void anOversizedBodyIsA400WithTheRejectBody() {
        String padding = "x".repeat(80_000);
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body("{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"strategy_id\":\"" + padding + "\"}")
                .post("/api/v1/orders").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.body", equalTo("larger than 65536 bytes"));
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isZero();
    }

    @Test
    void aWrongContentTypeIsA415WithTheRejectBody() {
        given().header("X-API-Key", key).contentType(ContentType.TEXT).body("buy 1 AAPL")
                .post("/api/v1/orders").then().statusCode(415).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void anUnknownOrderIsA404AndAMalformedIdA4xx() {
        given().header("X-API-Key", key).get("/api/v1/orders/6b0a7a53-7f3e-4a4f-9d7e-3f5a4b3c2d1e")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().header("X-API-Key", key).get("/api/v1/orders/not-a-uuid").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
