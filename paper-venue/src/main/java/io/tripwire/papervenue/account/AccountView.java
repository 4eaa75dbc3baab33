package io.tripwire.papervenue.account;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** Alpaca's account object (the fields a cash-plus-short paper account can fill honestly). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountView(UUID id, String accountNumber, String status, String cryptoStatus, String currency, String cash,
                          String portfolioValue, String equity, String lastEquity, String longMarketValue,
                          String shortMarketValue, String buyingPower, String regtBuyingPower,
                          String daytradingBuyingPower, String nonMarginableBuyingPower, String multiplier,
                          String initialMargin, String maintenanceMargin, String lastMaintenanceMargin, String sma,
                          int daytradeCount, String accruedFees, String pendingTransferIn, String pendingTransferOut,
                          boolean patternDayTrader, boolean tradingBlocked, boolean transfersBlocked, boolean accountBlocked,
                          boolean tradeSuspendedByUser, boolean shortingEnabled, Instant createdAt) {
}
