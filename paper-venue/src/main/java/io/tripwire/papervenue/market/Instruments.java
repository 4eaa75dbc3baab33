package io.tripwire.papervenue.market;

import io.tripwire.papervenue.PaperVenueConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The configured universe ({@code paper-venue.symbols}); a symbol outside it cannot be quoted or traded. */
@Singleton
public class Instruments {

    private final Map<String, Instrument> bySymbol = new LinkedHashMap<>();

    @Inject
    public Instruments(PaperVenueConfig config) {
        PaperVenueConfig.Market market = config.market();
        for (String raw : config.symbols()) {
            String symbol = raw.trim().toUpperCase(Locale.ROOT);
            BigDecimal initial = market.initialPrice().getOrDefault(symbol, market.defaultInitialPrice());
            if (initial.signum() <= 0 || market.tickSize().signum() <= 0) {
                throw new IllegalArgumentException("paper-venue: initial price and tick size of " + symbol + " must be > 0");
            }
            bySymbol.put(symbol, Instrument.of(symbol, initial, market.tickSize(), market.maxStepBps(), market.halfSpreadBps()));
        }
    }

    /** A fixed universe (plain unit tests). */
    public Instruments(Collection<Instrument> universe) {
        universe.forEach(i -> bySymbol.put(i.symbol(), i));
    }

    /** Case-insensitive lookup, as Alpaca accepts lower-case symbols. */
    public Optional<Instrument> find(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbol.trim().toUpperCase(Locale.ROOT)));
    }

    public Collection<Instrument> all() {
        return bySymbol.values();
    }
}
