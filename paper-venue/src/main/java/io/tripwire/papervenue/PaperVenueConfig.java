package io.tripwire.papervenue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of the simulated (paper) venue. */
@ConfigMapping(prefix = "paper-venue")
public interface PaperVenueConfig {

    /** Seed of the deterministic price simulation. Default 42. */
    @WithDefault("42")
    long seed();

    /** Symbols the venue quotes and trades. */
    @WithDefault("AAPL,MSFT,SPY,BTCUSD,ETHUSD")
    List<String> symbols();

    /** Interval between simulated price ticks (md:last and md:bars). Default 1 s. */
    @WithDefault("1s")
    Duration tickInterval();

    /**
     * Whether the scheduler advances prices every {@link #tickInterval()}. Default true; tests set it
     * false and advance ticks themselves so that price paths are driven, not raced.
     */
    @WithDefault("true")
    boolean autoTick();

    /** Accepted {@code APCA-API-KEY-ID}. Default "paper-key" (dev only). */
    @WithDefault("paper-key")
    String keyId();

    /** Accepted {@code APCA-API-SECRET-KEY}. Default "paper-secret" (dev only). */
    @WithDefault("paper-secret")
    String secretKey();

    /** Price simulation. */
    Market market();

    /** The paper account. */
    Account account();

    /** Seed 004's slippage model. */
    Slippage slippage();

    /** Order limits. */
    Orders orders();

    /** Fault injection. */
    Faults faults();

    interface Market {
        /** Starting price per symbol, e.g. {@code paper-venue.market.initial-price.AAPL=190.00}. */
        Map<String, BigDecimal> initialPrice();

        /** Starting price of a symbol missing from {@link #initialPrice()}. Default 100.00. */
        @WithDefault("100.00")
        BigDecimal defaultInitialPrice();

        /** Price increment of every symbol. Default 0.01. */
        @WithDefault("0.01")
        BigDecimal tickSize();

        /** Random-walk steps per tick; a bar's high/low come from them. Default 4. */
        @WithDefault("4")
        int stepsPerTick();

        /** Largest move of one step, in basis points of the starting price (at least one tick). Default 5. */
        @WithDefault("5")
        int maxStepBps();

        /** Half the bid/ask spread, in basis points of the starting price (at least one tick). Default 1. */
        @WithDefault("1")
        int halfSpreadBps();

        /** Approximate MAXLEN bound of the {@code md:bars} stream. Default 100000. */
        @WithDefault("100000")
        long barsMaxLen();
    }

    interface Account {
        /** Cash of a brand-new paper account, USD. Default 1,000,000. */
        @WithDefault("1000000")
        BigDecimal startingCash();

        /** Account number shown by GET /v2/account. Default PA-TRIPWIRE. */
        @WithDefault("PA-TRIPWIRE")
        String accountNumber();
    }

    interface Slippage {
        /** Slippage of every fill, in basis points. Default 5 (seed 004's 0.05 %). */
        @WithDefault("5")
        BigDecimal baseBps();

        /** Notional (USD) that adds one basis point of size impact. Default 10,000. */
        @WithDefault("10000")
        BigDecimal impactNotionalPerBp();

        /** Upper bound of slippage, in basis points. Default 100 (seed 004's 1 %). */
        @WithDefault("100")
        BigDecimal capBps();
    }

    interface Orders {
        /** Commission per fill, USD. Default 0. */
        @WithDefault("0")
        BigDecimal commission();

        /** Largest accepted order notional (quantity × reference price), USD. Default 10,000,000. */
        @WithDefault("10000000")
        BigDecimal maxNotional();

        /** Largest accepted order quantity. Default 1,000,000. */
        @WithDefault("1000000")
        BigDecimal maxQty();

        /**
         * Most orders booked in one transaction (group commit: orders arriving while a group is booked wait
         * for the next, which holds the account lock and commits once for all of them). Default 64.
         */
        @WithDefault("64")
        @io.smallrye.config.WithName("booking-group-max")
        int bookingGroupMax();
    }

    interface Faults {
        /**
         * How long an accept-then-time-out response is held back: far beyond any client timeout,
         * so the order is accepted and persisted but the caller never sees the answer. Default 60 s.
         */
        @WithDefault("60s")
        Duration acceptThenTimeoutHold();

        /** Upper bound of injected latency. Default 30 s. */
        @WithDefault("30s")
        Duration maxLatency();
    }
}
