package io.tripwire.reconciler.desk;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bars of {@code md:bars} (the paper venue's seeded market data, as the signal service reads them) since an instant. */
@ApplicationScoped
public class BarReader {

    static final int MAX_BARS = 100_000;
    private static final int PAGE = 5_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String stream;

    public BarReader(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.streams = redis.stream(String.class);
        this.stream = keys.marketDataBars();
    }

    /** Bars whose entry id (publication time) is at or after {@code from}; entries that do not parse are skipped. */
    public Uni<List<DeskBar>> since(Instant from) {
        return page(Long.toString(from.toEpochMilli()), new ArrayList<>());
    }

    private Uni<List<DeskBar>> page(String start, List<DeskBar> out) {
        return streams.xrange(stream, StreamRange.of(start, "+"), PAGE).chain(messages -> {
            for (StreamMessage<String, String, String> m : messages) {
                DeskBar bar = DeskBar.parse(m.payload());
                if (bar != null) {
                    out.add(bar);
                }
            }
            if (messages.size() < PAGE || out.size() >= MAX_BARS) {
                return Uni.createFrom().item(out);
            }
            return page("(" + messages.getLast().id(), out);
        });
    }
}
