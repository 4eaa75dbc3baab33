package io.tripwire.alert.channel;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * SMS through the Twilio SDK (blocking; runs on a worker thread). The message's ValidityPeriod is what is left of
 * the SMS TTL, so Twilio drops it rather than delivering it late.
 */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    private final TwilioRestClient client;
    private final PhoneNumber from;
    private final Duration ttl;
    private final Clock clock;

    public SmsSender(AlertRouterConfig config, Clock clock) {
        var twilio = config.twilio();
        this.client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new TwilioHttpClient(twilio.baseUrl(), config.delivery().providerTimeout().toMillis(),
                        config.delivery().workers()))
                .build();
        this.from = new PhoneNumber(twilio.from());
        this.ttl = config.sms().ttl();
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        return Uni.createFrom().item(() -> sendBlocking(d)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SendResult sendBlocking(Delivery d) {
        long left = ttl.minus(Duration.between(d.ttlBasis(), clock.instant())).toSeconds();
        try {
            Message message = Message.creator(new PhoneNumber(d.recipient()), from, AlertText.sms(d))
                    .setValidityPeriod((int) Math.max(1, Math.min(left, 14_400)))
                    .create(client);
            return SendResult.accepted(message.getSid());
        } catch (ApiConnectionException e) {
            return TwilioErrorClassifier.network(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        } catch (ApiException e) {
            Duration wait = RetryAfter.header(TwilioHttpClient.lastRetryAfter(), clock);
            Integer status = e.getStatusCode() != null ? e.getStatusCode() : TwilioHttpClient.lastStatus();
            return TwilioErrorClassifier.classify(status, e.getCode(), e.getMessage(), wait);
        } catch (RuntimeException e) {
            return TwilioErrorClassifier.network(e.toString());
        }
    }
}
