package io.tripwire.alert.channel;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Slack through the official SDK (blocking; runs on a worker thread): recipient {@code webhook:NAME} posts to the
 * configured incoming webhook (the URL is a secret, so only its name is stored), any other recipient is a channel
 * for chat.postMessage with the bot token.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    private static final String WEBHOOK = "webhook:";

    private final Slack slack;
    private final MethodsClient methods;
    private final Map<String, String> webhooks;
    private final Clock clock;

    public SlackSender(AlertRouterConfig config, Clock clock) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slack().methodsUrl());
        int timeoutMs = (int) config.delivery().providerTimeout().toMillis();
        slackConfig.setHttpClientReadTimeoutMillis(timeoutMs);
        slackConfig.setHttpClientWriteTimeoutMillis(timeoutMs);
        slackConfig.setHttpClientCallTimeoutMillis(timeoutMs);
        slackConfig.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(slackConfig);
        this.methods = slack.methods(config.slack().botToken());
        this.webhooks = Map.copyOf(config.slack().webhooks());
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        return Uni.createFrom().item(() -> sendBlocking(d)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SendResult sendBlocking(Delivery d) {
        String text = AlertText.body(d);
        try {
            return d.recipient().startsWith(WEBHOOK) ? webhook(d.recipient().substring(WEBHOOK.length()), text)
                    : postMessage(d.recipient(), text);
        } catch (SlackApiException e) {
            String retryAfter = e.getResponse() == null ? null : e.getResponse().header("Retry-After");
            return SlackErrorClassifier.http(e.getResponse() == null ? 0 : e.getResponse().code(), e.getResponseBody(),
                    RetryAfter.header(retryAfter, clock));
        } catch (IOException | RuntimeException e) {
            return SlackErrorClassifier.network(e.toString());
        }
    }

    private SendResult webhook(String name, String text) throws IOException {
        String url = webhooks.get(name);
        if (url == null) {
            return SendResult.permanent("slack webhook '" + name + "' is not configured (alert.slack.webhooks." + name + ")");
        }
        WebhookResponse response = slack.send(url, Payload.builder().text(text).build());
        if (response.getCode() == 200) {
            return SendResult.accepted(null);
        }
        List<String> retryAfter = response.getHeaders() == null ? null : response.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue).findFirst().orElse(null);
        return SlackErrorClassifier.http(response.getCode(), response.getBody(),
                RetryAfter.header(retryAfter == null || retryAfter.isEmpty() ? null : retryAfter.get(0), clock));
    }

    private SendResult postMessage(String channel, String text) throws IOException, SlackApiException {
        ChatPostMessageResponse response = methods.chatPostMessage(r -> r.channel(channel).text(text));
        if (response.isOk()) {
            return SendResult.accepted(response.getTs());
        }
        return SlackErrorClassifier.apiError(response.getError(), null);
    }
}
