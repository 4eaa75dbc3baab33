package io.tripwire.papervenue.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.TestConfigs;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.market.Instrument;
import io.tripwire.papervenue.market.Instruments;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderValidatorTest {

    private static final UUID GENERATED = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private final PaperVenueConfig config = TestConfigs.defaults();
    private final OrderValidator validator = new OrderValidator(new Instruments(List.of(
            Instrument.of("AAPL", new BigDecimal("190"), new BigDecimal("0.01"), 5, 1))), config.orders(), () -> GENERATED);

    @Test
    void aMarketOrderWithoutClientOrderIdGetsAGeneratedOne() {
        PlaceOrder order = validator.validate(request("aapl", "10", null, "buy", "market", "day", null, null));
        assertThat(order.symbol()).isEqualTo("AAPL");
        assertThat(order.qty()).isEqualByComparingTo("10");
        assertThat(order.clientOrderId()).isEqualTo(GENERATED.toString());
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.DAY);
    }

    @Test
    void aLimitOrderKeepsItsLimitPriceAndClientOrderId() {
        PlaceOrder order = validator.validate(request("AAPL", "1.5", null, "sell", "limit", "gtc", "191.25", "mine-1"));
        assertThat(order.limitPrice()).isEqualByComparingTo("191.25");
        assertThat(order.clientOrderId()).isEqualTo("mine-1");
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
    }

    @ParameterizedTest(name = "{8}")
    @CsvSource(nullValues = "null", value = {
            "null,10,null,buy,market,day,null,null,symbol is required",
            "TSLA,10,null,buy,market,day,null,null,asset \"TSLA\" not found",
            "AAPL,0,null,buy,market,day,null,null,qty must be > 0",
            "AAPL,-3,null,buy,market,day,null,null,qty must be > 0",
            "AAPL,NaN,null,buy,market,day,null,null,qty is not a valid decimal",
            "AAPL,2000000,null,buy,market,day,null,null,qty exceeds the maximum of 1000000",
            "AAPL,0.0000000001,null,buy,market,day,null,null,qty has more than 9 decimal places",
            "AAPL,null,null,buy,market,day,null,null,qty or notional is required",
            "AAPL,1,100,buy,market,day,null,null,only one of qty or notional is accepted",
            "AAPL,null,100,buy,limit,day,190,null,notional is only accepted for market orders",
            "AAPL,1,null,hold,market,day,null,null,side must be buy or sell",
            "AAPL,1,null,buy,stop,day,null,null,type must be market or limit",
            "AAPL,1,null,buy,market,fok,null,null,'time_in_force must be day, gtc or ioc'",
            "AAPL,1,null,buy,limit,day,null,null,limit_price is required for limit orders",
            "AAPL,1,null,buy,limit,day,-1,null,limit_price must be > 0",
            "AAPL,1,null,buy,market,day,190,null,limit_price is only accepted for limit orders"})
    void invalidOrdersAreRefusedWith422NamingTheProblem(String symbol, String qty, String notional, String side, String type,
                                                       String tif, String limit, String clientOrderId, String message) {
        assertThatThrownBy(() -> validator.validate(request(symbol, qty, notional, side, type, tif, limit, clientOrderId)))
                .isInstanceOfSatisfying(AlpacaException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void anOverlongClientOrderIdIsRefused() {
        String tooLong = "x".repeat(OrderValidator.MAX_CLIENT_ORDER_ID + 1);
        assertThatThrownBy(() -> validator.validate(request("AAPL", "1", null, "buy", "market", "day", null, tooLong)))
                .isInstanceOf(AlpacaException.class).hasMessageContaining("client_order_id");
    }

    private static CreateOrderRequest request(String symbol, String qty, String notional, String side, String type, String tif,
                                              String limit, String clientOrderId) {
        return new CreateOrderRequest(symbol, qty, notional, side, type, tif, limit, null, clientOrderId, null);
    }
}
