package io.tripwire.alert.delivery;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.channel.SendResult;
import io.tripwire.alert.channel.Senders;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.poison.PoisonQueue;
import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt of one claimed delivery: expire a stale SMS, respect the rate limits (a throttled delivery waits
 * without using an attempt), send, then record the outcome: delivered, retry later with backoff, or poison (a
 * permanent error, or the last attempt) — with escalation for critical alerts.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final Senders senders;
    private final DeliveryRepository repository;
    private final PoisonQueue poison;
    private final RateLimiter limiter;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration smsTtl;
    private final Duration providerTimeout;

    public DeliveryWorker(Senders senders, DeliveryRepository repository, PoisonQueue poison, RateLimiter limiter,
                          AlertMetrics metrics, Clock clock, AlertRouterConfig config) {
        this.senders = senders;
        this.repository = repository;
        this.poison = poison;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = new Backoff(config.backoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.maxAttempts = config.maxAttempts();
        this.smsTtl = config.sms().ttl();
        this.providerTimeout = config.delivery().providerTimeout();
    }

    public Uni<Void> process(Delivery d) {
        Instant now = clock.instant();
        if (d.channel() == Channel.SMS && Duration.between(d.ttlBasis(), now).compareTo(smsTtl) > 0) {
            metrics.expired(Channel.SMS);
            return giveUp(poison.expire(d, "SMS not sent within its TTL of " + smsTtl + "; expired, not sent late", now));
        }
        if (d.attempt() > maxAttempts) {
            metrics.attempt(d.channel(), "poison");
            return giveUp(poison.poison(d, "attempts used up (" + maxAttempts + "); the last did not finish", now));
        }
        return limiter.acquire(d.channel(), d.recipient(), now).chain(decision -> {
            if (!decision.allowed()) {
                metrics.throttled(d.channel(), decision.limitType());
                return repository.defer(d, decision.retryAt(), clock.instant()).replaceWithVoid();
            }
            return send(d);
        });
    }

    private Uni<Void> send(Delivery d) {
        return senders.send(d)
                .ifNoItem().after(providerTimeout.plusSeconds(1))
                .recoverWithItem(() -> SendResult.retryable("no answer within " + providerTimeout, null))
                .onFailure().recoverWithItem(e -> SendResult.retryable("send failed: " + e, null))
                .chain(result -> record(d, result));
    }

    private Uni<Void> record(Delivery d, SendResult result) {
        Instant now = clock.instant();
        if (result instanceof SendResult.Accepted accepted) {
            metrics.attempt(d.channel(), "delivered");
            metrics.delivered(d.channel(), Duration.between(d.alertCreatedAt(), now));
            Log.debugf("Delivery %d (%s) accepted by %s", d.id(), d.recipientMasked(), d.channel().wire());
            return repository.delivered(d, accepted.providerRef(), now).replaceWithVoid();
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.retryable()) {
            metrics.attempt(d.channel(), "permanent");
            return giveUp(poison.poison(d, "permanent: " + failed.message(), now));
        }
        if (d.attempt() >= maxAttempts) {
            metrics.attempt(d.channel(), "poison");
            return giveUp(poison.poison(d, "attempts used up (" + maxAttempts + "); last: " + failed.message(), now));
        }
        metrics.attempt(d.channel(), "retry");
        Instant next = now.plus(backoff.delay(d.attempt(), failed.retryAfter()));
        Log.infof("Delivery %d (%s) attempt %d failed, retry at %s: %s", d.id(), d.channel().wire(), d.attempt(), next, failed.message());
        return repository.retryLater(d, next, failed.message(), now).replaceWithVoid();
    }

    private Uni<Void> giveUp(Uni<io.tripwire.alert.poison.PoisonQueue.GiveUp> result) {
        return result.invoke(g -> {
            if (g.escalatedChannel() != null) {
                metrics.escalated(g.escalatedChannel());
            }
        }).replaceWithVoid();
    }
}
