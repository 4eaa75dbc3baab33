package io.tripwire.papervenue.market;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.PaperVenueConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the current quotes of the universe and advances the seeded walk. The in-memory state is a
 * cache of {@code paper_venue.market_state}: it is loaded at start and written back every tick, so a
 * restart continues the same path instead of jumping back to the starting prices.
 */
@ApplicationScoped
public class MarketSimulator {

    /** What one tick produced. */
    public record TickResult(List<Quote> quotes, List<Bar> bars, List<WalkState> states, Instant at) {
    }

    private final Instruments instruments;
    private final MarketStateRepository repository;
    private final PaperVenueConfig config;
    private final Clock clock;
    private volatile Map<String, WalkState> states = Map.of();
    private volatile Instant quotedAt;

    public MarketSimulator(Instruments instruments, MarketStateRepository repository, PaperVenueConfig config, Clock clock) {
        this.instruments = instruments;
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        // Startup only: the venue must not quote (or fill) before it knows where the walk stands.
        restore().await().atMost(Duration.ofSeconds(30));
    }

    /** (Re)loads every walk from PostgreSQL; a symbol without a stored state, or one of another seed, starts fresh. */
    public Uni<Void> restore() {
        return repository.load().invoke(stored -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            Map<String, WalkState> loaded = new LinkedHashMap<>();
            for (Instrument instrument : instruments.all()) {
                WalkState state = stored.get(instrument.symbol());
                if (state == null || state.seed() != config.seed()) {
                    state = WalkState.start(instrument, config.seed(), today);
                }
                loaded.put(instrument.symbol(), state);
            }
            states = Map.copyOf(loaded);
            quotedAt = now();
            Log.infof("Paper market restored: %d symbols, seed %d", loaded.size(), config.seed());
        }).replaceWithVoid();
    }

    /** Whether the walk has been restored from PostgreSQL: before that nothing may quote, fill or tick. */
    public boolean restored() {
        return !states.isEmpty();
    }

    /** Advances every symbol by one tick and persists the new walk positions. */
    public Uni<TickResult> advance() {
        TickResult result = step(now());
        return repository.save(result.states(), result.at()).replaceWith(result);
    }

    private synchronized TickResult step(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, WalkState> next = new LinkedHashMap<>();
        List<Quote> quotes = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (Instrument instrument : instruments.all()) {
            WalkState from = states.get(instrument.symbol()).rolledTo(today);
            PriceWalk.Tick tick = PriceWalk.advance(instrument, from, config.market().stepsPerTick());
            next.put(instrument.symbol(), tick.state());
            quotes.add(quote(instrument, tick.state().lastTicks(), now));
            bars.add(new Bar(instrument.symbol(), instrument.price(tick.openTicks()), instrument.price(tick.highTicks()),
                    instrument.price(tick.lowTicks()), instrument.price(tick.closeTicks()), tick.volume(), now));
        }
        states = Map.copyOf(next);
        quotedAt = now;
        return new TickResult(quotes, bars, List.copyOf(next.values()), now);
    }

    /** The current quote; empty for a symbol outside the universe. */
    public Optional<Quote> quote(String symbol) {
        return instruments.find(symbol).map(i -> quote(i, states.get(i.symbol()).lastTicks(), quotedAt));
    }

    /** Last price at the start of today (UTC): Alpaca's {@code lastday_price}. */
    public Optional<BigDecimal> dayOpen(String symbol) {
        return instruments.find(symbol).map(i -> i.price(states.get(i.symbol()).dayOpenTicks()));
    }

    /**
     * The price at the start of {@code day} (UTC), i.e. the previous session's close: today's open once the
     * walk has ticked into {@code day}, else its last price (nothing has moved it since the boundary).
     */
    public Optional<BigDecimal> openOf(String symbol, LocalDate day) {
        return instruments.find(symbol).map(i -> {
            WalkState state = states.get(i.symbol());
            return i.price(day.equals(state.day()) ? state.dayOpenTicks() : state.lastTicks());
        });
    }

    /** The quotes of the next {@code ticks} ticks of a symbol, without advancing anything (same seed, same path). */
    public List<Quote> preview(String symbol, int ticks) {
        Instrument instrument = instruments.find(symbol).orElseThrow();
        WalkState state = states.get(instrument.symbol());
        List<Quote> future = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            state = PriceWalk.advance(instrument, state, config.market().stepsPerTick()).state();
            future.add(quote(instrument, state.lastTicks(), quotedAt));
        }
        return future;
    }

    private static Quote quote(Instrument instrument, long lastTicks, Instant at) {
        return new Quote(instrument.symbol(), instrument.price(lastTicks),
                instrument.price(lastTicks - instrument.halfSpreadTicks()),
                instrument.price(lastTicks + instrument.halfSpreadTicks()), at);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
