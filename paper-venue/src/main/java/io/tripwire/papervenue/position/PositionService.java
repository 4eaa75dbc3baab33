package io.tripwire.papervenue.position;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.market.Instrument;
import io.tripwire.papervenue.market.Instruments;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import io.tripwire.papervenue.order.OrderCancellation;
import io.tripwire.papervenue.order.OrderService;
import io.tripwire.papervenue.order.OrderView;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Positions valued at the simulated market, and closing them with opposite market orders. */
@ApplicationScoped
public class PositionService {

    private final Pool pool;
    private final PositionRepository positions;
    private final Instruments instruments;
    private final MarketSimulator market;
    private final OrderService orders;
    private final OrderCancellation cancellation;

    public PositionService(Pool pool, PositionRepository positions, Instruments instruments, MarketSimulator market,
                           OrderService orders, OrderCancellation cancellation) {
        this.pool = pool;
        this.positions = positions;
        this.instruments = instruments;
        this.market = market;
        this.orders = orders;
        this.cancellation = cancellation;
    }

    public Uni<List<PositionView>> list() {
        return positions.open(pool).map(open -> open.stream().map(this::view).toList());
    }

    public Uni<PositionView> get(String symbol) {
        Instrument instrument = known(symbol);
        return positions.find(pool, instrument.symbol()).map(position -> {
            if (position.isFlat()) {
                throw AlpacaException.notFound("position does not exist");
            }
            return view(position);
        });
    }

    /** Closes one position with an opposite market order for its whole quantity. */
    public Uni<OrderView> close(String symbol) {
        return orders.close(known(symbol).symbol()).map(OrderView::of);
    }

    /** Closes every position (after canceling open orders when asked); one result per position. */
    public Uni<List<ClosePositionResult>> closeAll(boolean cancelOrders) {
        Uni<?> cancel = cancelOrders ? cancellation.cancelAll() : Uni.createFrom().voidItem();
        return cancel.chain(() -> positions.open(pool)).chain(open -> Multi.createFrom().iterable(open)
                .onItem().transformToUniAndConcatenate(position -> orders.close(position.symbol())
                        .map(order -> new ClosePositionResult(position.symbol(), 200, OrderView.of(order)))
                        .onFailure().recoverWithItem(e -> failed(position.symbol(), e)))
                .collect().asList());
    }

    private static ClosePositionResult failed(String symbol, Throwable e) {
        AlpacaException error = e instanceof AlpacaException a ? a : AlpacaException.internal("close failed");
        return new ClosePositionResult(symbol, error.status(), error.body());
    }

    private Instrument known(String symbol) {
        return instruments.find(symbol).orElseThrow(() -> AlpacaException.notFound("position does not exist"));
    }

    private PositionView view(Position position) {
        Quote quote = market.quote(position.symbol()).orElse(null);
        if (quote == null) {
            // A symbol no longer in the universe is valued at its entry price rather than hidden.
            return PositionView.of(position, position.avgEntryPrice(), position.avgEntryPrice());
        }
        return PositionView.of(position, quote.last(), market.dayOpen(position.symbol()).orElse(quote.last()));
    }
}
