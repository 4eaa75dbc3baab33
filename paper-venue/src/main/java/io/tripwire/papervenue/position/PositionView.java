package io.tripwire.papervenue.position;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.papervenue.alpaca.Decimals;
import io.tripwire.papervenue.market.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * Alpaca's position object. Shorts have negative qty, market value and cost basis; P&L percentages
 * are fractions (0.01 = 1 %) of the absolute cost basis, as Alpaca reports them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PositionView(UUID assetId, String symbol, String exchange, String assetClass, boolean assetMarginable,
                           String avgEntryPrice, String qty, String qtyAvailable, String side, String marketValue,
                           String costBasis, String unrealizedPl, String unrealizedPlpc, String unrealizedIntradayPl,
                           String unrealizedIntradayPlpc, String currentPrice, String lastdayPrice, String changeToday) {

    public static PositionView of(Position p, BigDecimal currentPrice, BigDecimal lastdayPrice) {
        BigDecimal costBasis = PositionMath.money(p.qty().multiply(p.avgEntryPrice()));
        BigDecimal unrealized = p.unrealizedPnl(currentPrice);
        BigDecimal intraday = PositionMath.money(p.qty().multiply(currentPrice.subtract(lastdayPrice)));
        BigDecimal lastdayValue = p.qty().multiply(lastdayPrice).abs();
        return new PositionView(Instrument.assetIdOf(p.symbol()), p.symbol(), "PAPER", Instrument.assetClassOf(p.symbol()),
                true, Decimals.wire(p.avgEntryPrice()), Decimals.wire(p.qty()), Decimals.wire(p.qty()),
                p.qty().signum() >= 0 ? "long" : "short", Decimals.wire(p.marketValue(currentPrice)), Decimals.wire(costBasis),
                Decimals.wire(unrealized), Decimals.wire(fraction(unrealized, costBasis.abs())), Decimals.wire(intraday),
                Decimals.wire(fraction(intraday, lastdayValue)), Decimals.wire(currentPrice), Decimals.wire(lastdayPrice),
                Decimals.wire(fraction(currentPrice.subtract(lastdayPrice), lastdayPrice)));
    }

    private static BigDecimal fraction(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO : part.divide(whole, 8, RoundingMode.HALF_EVEN);
    }
}
