package io.tripwire.alert.intake;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.controlplane.heartbeat.InstanceId;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Consumes {@code alerts:stream} in the consumer group {@code alert-router}: reads a batch (XREADGROUP), stores it
 * in one PostgreSQL transaction and ACKs only after the commit. Entries a dead consumer read but never ACKed are
 * claimed after {@code alert.intake.stream-claim-idle} (XAUTOCLAIM) and stored again idempotently (receipts).
 * A missing group (new or flushed Redis) is created from the start of the stream, so nothing already queued is skipped.
 */
@ApplicationScoped
public class AlertStreamConsumer {

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final AlertIntake intake;
    private final AlertRouterConfig.Intake config;
    private final Clock clock;
    private final String stream;
    private final String consumer;
    private volatile Cancellable loop;

    public AlertStreamConsumer(ReactiveRedisDataSource redis, AlertIntake intake, AlertRouterConfig config, Clock clock,
                               RedisKeys keys, InstanceId instance) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.intake = intake;
        this.config = config.intake();
        this.clock = clock;
        this.stream = keys.alertsStream();
        this.consumer = instance.value();
    }

    void start(@Observes StartupEvent event) {
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .subscribe().with(n -> { }, e -> Log.errorf(e, "alert stream intake stopped"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.cancel();
        }
    }

    /** One read-store-ACK cycle; on any failure waits a second (creating the group if it is missing) and goes on. */
    Uni<Integer> cycle() {
        XReadGroupArgs args = new XReadGroupArgs().count(config.streamBatch()).block(config.streamBlock());
        return streams.xreadgroup(RedisKeys.ALERTS_CONSUMER_GROUP, consumer, stream, ">", args)
                .chain(this::storeAndAck)
                .onFailure().call(e -> ensureGroup(e).onItem().delayIt().by(Duration.ofSeconds(1)))
                .onFailure().recoverWithItem(0);
    }

    /** Takes over entries another (dead) consumer left un-ACKed for longer than the claim idle time. */
    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "alert-stream-claim")
    Uni<Void> claimAbandoned() {
        return streams.xautoclaim(stream, RedisKeys.ALERTS_CONSUMER_GROUP, consumer, config.streamClaimIdle(), "0-0",
                        config.streamBatch())
                .chain(claimed -> {
                    if (!claimed.getMessages().isEmpty()) {
                        Log.warnf("claimed %d alert stream entries abandoned by a dead consumer", claimed.getMessages().size());
                    }
                    return storeAndAck(claimed.getMessages());
                })
                .onFailure().invoke(e -> Log.debugf("stream claim skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> storeAndAck(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        var now = clock.instant();
        List<IncomingAlert> alerts = messages.stream().map(m -> StreamEntryParser.parse(m.id(), m.payload(), now)).toList();
        String[] ids = messages.stream().map(StreamMessage::id).toArray(String[]::new);
        return intake.store(alerts)
                .chain(() -> streams.xack(stream, RedisKeys.ALERTS_CONSUMER_GROUP, ids))
                .replaceWith(messages.size());
    }

    private Uni<Void> ensureGroup(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (!message.contains("NOGROUP")) {
            Log.warnf("alert stream intake: %s (retrying in 1 s; nothing is ACKed before it is stored)", message);
            return Uni.createFrom().voidItem();
        }
        return streams.xgroupCreate(stream, RedisKeys.ALERTS_CONSUMER_GROUP, "0", new XGroupCreateArgs().mkstream())
                .invoke(() -> Log.infof("consumer group %s created on %s from the first entry", RedisKeys.ALERTS_CONSUMER_GROUP, stream))
                .onFailure().recoverWithNull();
    }
}
