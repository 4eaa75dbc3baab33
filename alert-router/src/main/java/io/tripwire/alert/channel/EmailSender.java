package io.tripwire.alert.channel;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/** Email through the SendGrid v3 SDK (blocking; runs on a worker thread). */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final CloseableHttpClient http;
    private final SendGrid sendGrid;
    private final String from;
    private final Clock clock;

    public EmailSender(AlertRouterConfig config, Clock clock) {
        int timeoutMs = (int) config.delivery().providerTimeout().toMillis();
        this.http = HttpClients.custom()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
                        .setConnectionRequestTimeout(timeoutMs).build())
                .setMaxConnTotal(config.delivery().workers()).setMaxConnPerRoute(config.delivery().workers())
                .disableAutomaticRetries().build();
        this.sendGrid = new SendGrid(config.sendgrid().apiKey(), new Client(http, config.sendgrid().plainHttp()));
        this.sendGrid.setHost(config.sendgrid().host());
        this.from = config.sendgrid().from();
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        return Uni.createFrom().item(() -> sendBlocking(d)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SendResult sendBlocking(Delivery d) {
        Mail mail = new Mail(new Email(from), AlertText.subject(d), new Email(d.recipient()), new Content("text/plain", AlertText.body(d)));
        try {
            Request request = new Request();
            request.setMethod(Method.POST);
            request.setEndpoint("mail/send");
            request.setBody(mail.build());
            Response response = sendGrid.api(request);
            return SendGridErrorClassifier.classify(response.getStatusCode(), response.getHeaders(), response.getBody(), clock);
        } catch (IOException e) {
            return SendGridErrorClassifier.network(e.toString());
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
