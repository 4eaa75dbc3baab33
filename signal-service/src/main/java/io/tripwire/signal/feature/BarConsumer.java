package io.tripwire.signal.feature;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.tripwire.controlplane.heartbeat.InstanceId;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.signal.SignalConfig;
import io.tripwire.signal.model.ConsensusService;
import io.tripwire.signal.model.Decision;
import io.tripwire.signal.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code md:bars} in the consumer group {@code signal-service}. At start the group is created if missing
 * (at the stream's end) and the rolling windows are rebuilt from the newest {@code signal.features.rebuild-max-entries}
 * entries, so a restart keeps the features. Then every new bar updates its symbol's window and, once the window is
 * full and an approved model is loaded for the symbol, makes a decision that is recorded in {@code strategy_signals};
 * bars are ACKed after that. A bar not newer than the symbol's last one (e.g. one that arrived while the service was
 * down and is already in the rebuilt window) only gets ACKed: no decision on stale bars.
 */
@ApplicationScoped
public class BarConsumer {

    /** Consumer group on md:bars ({@link RedisKeys#SIGNAL_CONSUMER_GROUP}). */
    public static final String GROUP = RedisKeys.SIGNAL_CONSUMER_GROUP;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final FeatureStore store;
    private final ConsensusService consensus;
    private final SignalRecorder recorder;
    private final io.tripwire.signal.trade.SignalTrader trader;
    private final SignalConfig.Features config;
    private final String stream;
    private final String consumer;
    private final Timer latency;
    private volatile Cancellable loop;
    private volatile boolean rebuilt;

    public BarConsumer(ReactiveRedisDataSource redis, FeatureStore store, ConsensusService consensus, SignalRecorder recorder,
                       io.tripwire.signal.trade.SignalTrader trader, SignalConfig config, RedisKeys keys, InstanceId instance, MeterRegistry registry) {
        this.streams = redis.stream(String.class);
        this.store = store;
        this.consensus = consensus;
        this.recorder = recorder;
        this.trader = trader;
        this.config = config.features();
        this.stream = keys.marketDataBars();
        this.consumer = instance.value();
        this.latency = Timer.builder("signal_service_latency")
                .description("Bar read from md:bars to decision recorded")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Rebuilds the windows (waiting for it up to 30 s) and starts the read loop. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        try {
            rebuild().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            Log.warnf("md:bars rebuild failed at start (retried by the read loop): %s", e.getMessage());
        }
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .subscribe().with(n -> { }, e -> Log.errorf(e, "md:bars intake stopped"));
    }

    public synchronized void stop() {
        if (loop != null) {
            loop.cancel();
            loop = null;
        }
    }

    /** Creates the group if missing, then replays the newest entries into the windows (no decisions). */
    public Uni<Integer> rebuild() {
        return ensureGroup()
                .chain(() -> streams.xrevrange(stream, StreamRange.of("+", "-"), config.rebuildMaxEntries()))
                .map(newestFirst -> {
                    List<StreamMessage<String, String, String>> entries = new ArrayList<>(newestFirst);
                    Collections.reverse(entries);
                    int used = 0;
                    for (StreamMessage<String, String, String> m : entries) {
                        Bar bar = Bar.parse(m.id(), m.payload());
                        if (bar != null && store.add(bar)) {
                            used++;
                        }
                    }
                    rebuilt = true;
                    Log.infof("features rebuilt from %d md:bars entries (%d symbols)", used, store.symbols().size());
                    return used;
                });
    }

    /** One read-decide-ACK cycle; on failure waits a second and goes on. */
    Uni<Integer> cycle() {
        Uni<Integer> ready = rebuilt ? Uni.createFrom().item(0) : rebuild();
        XReadGroupArgs args = new XReadGroupArgs().count(config.streamBatch()).block(config.streamBlock());
        return ready.chain(() -> streams.xreadgroup(GROUP, consumer, stream, ">", args))
                .chain(this::process)
                .onFailure().call(e -> {
                    Log.warnf("md:bars intake: %s (retrying in 1 s)", e.getMessage());
                    if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                        rebuilt = false;
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(1));
                })
                .onFailure().recoverWithItem(0);
    }

    /** Takes over bars a dead consumer left un-ACKed (they are duplicates by then unless newer than the window). */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "md-bars-claim")
    Uni<Void> claimAbandoned() {
        return streams.xautoclaim(stream, GROUP, consumer, config.claimIdle(), "0-0", config.streamBatch())
                .chain(claimed -> process(claimed.getMessages()))
                .onFailure().invoke(e -> Log.debugf("md:bars claim skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> process(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        long readAt = System.nanoTime();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> m : messages) {
            chain = chain.chain(() -> handle(m, readAt));
        }
        String[] ids = messages.stream().map(StreamMessage::id).toArray(String[]::new);
        return chain.chain(() -> streams.xack(stream, GROUP, ids)).replaceWith(messages.size());
    }

    private Uni<Void> handle(StreamMessage<String, String, String> m, long readAt) {
        Bar bar = Bar.parse(m.id(), m.payload());
        if (bar == null) {
            Log.warnf("md:bars entry %s is not a bar (%s): skipped", m.id(), m.payload());
            consensus.count("bar", "invalid");
            return Uni.createFrom().voidItem();
        }
        if (!store.add(bar)) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Double> features = store.features(bar.symbol()).orElse(null);
        if (features == null) {
            consensus.count("bar", "warming_up");
            return Uni.createFrom().voidItem();
        }
        LoadedModel model = consensus.model(bar.symbol()).orElse(null);
        if (model == null) {
            consensus.count("bar", "no_model");
            return Uni.createFrom().voidItem();
        }
        Decision decision = consensus.decide(model, features);
        return recorder.record(model, bar, features, decision)
                .invoke(() -> {
                    latency.record(System.nanoTime() - readAt, TimeUnit.NANOSECONDS);
                    consensus.count("bar", decision.outcome());
                })
                .map(ignored -> true)
                .onFailure().recoverWithUni(e -> {
                    Log.errorf("decision on %s bar %s not recorded: %s", bar.symbol(), bar.streamId(), e.getMessage());
                    consensus.count("bar", "unrecorded");
                    return Uni.createFrom().item(false);
                })
                // an unrecorded decision makes no order: every order has its signal row
                .chain(recorded -> recorded ? trader.act(model, bar, features, decision).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> ensureGroup() {
        return streams.xgroupCreate(stream, GROUP, "$", new XGroupCreateArgs().mkstream())
                .invoke(() -> Log.infof("consumer group %s created on %s", GROUP, stream))
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")).recoverWithNull();
    }
}
