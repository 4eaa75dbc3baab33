package io.tripwire.alert.channel;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.Arrays;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client with our timeouts and pool, one attempt per call (the SDK's own in-call retries are
 * off: retries are durable rows), the provider's Retry-After kept for the classifier, and — when
 * {@code alert.twilio.base-url} is not Twilio's — every {@code https://*.twilio.com} URL re-pointed there (tests hit
 * a local stub). The basic-auth username and password are copied: the SDK keeps them outside the auth strategy.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private static final String TWILIO = "https://api.twilio.com";
    private static final ThreadLocal<String> LAST_RETRY_AFTER = new ThreadLocal<>();
    private static final ThreadLocal<Integer> LAST_STATUS = new ThreadLocal<>();

    private final String baseUrl;

    TwilioHttpClient(String baseUrl, long timeoutMs, int maxConnections) {
        super(HttpClientBuilder.create()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofMilliseconds(timeoutMs))
                        .setResponseTimeout(Timeout.ofMilliseconds(timeoutMs)).build())
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections).setDefaultConnectionConfig(
                                org.apache.hc.client5.http.config.ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.ofMilliseconds(timeoutMs))
                                        .setSocketTimeout(Timeout.ofMilliseconds(timeoutMs)).build()).build())
                .disableAutomaticRetries());
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Retry-After of the last response on this thread (read right after the SDK call), or null. */
    static String lastRetryAfter() {
        return LAST_RETRY_AFTER.get();
    }

    /** HTTP status of the last response on this thread, or null. */
    static Integer lastStatus() {
        return LAST_STATUS.get();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request original) {
        LAST_RETRY_AFTER.remove();
        LAST_STATUS.remove();
        Response response = super.makeRequest(TWILIO.equals(baseUrl) ? original : repoint(original));
        LAST_STATUS.set(response.getStatusCode());
        if (response.getHeaders() != null) {
            Arrays.stream(response.getHeaders()).filter(h -> h.getName().equalsIgnoreCase("Retry-After"))
                    .findFirst().ifPresent(h -> LAST_RETRY_AFTER.set(h.getValue()));
        }
        return response;
    }

    private Request repoint(Request o) {
        Request c = new Request(o.getMethod(), o.getUrl().replaceFirst("^https://[^/]+", baseUrl));
        o.getQueryParams().forEach((k, vs) -> vs.forEach(v -> c.addQueryParam(k, v)));
        o.getPostParams().forEach((k, vs) -> vs.forEach(v -> c.addPostParam(k, v)));
        o.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> c.addHeaderParam(k, v)));
        if (o.getAuthStrategy() != null) {
            c.setAuth(o.getAuthStrategy());
        } else if (o.getUsername() != null) {
            c.setAuth(o.getUsername(), o.getPassword());
        }
        c.setContentType(o.getContentType());
        if (o.getBody() != null) {
            c.setBody(o.getBody());
        }
        c.setUserAgentExtensions(o.getUserAgentExtensions());
        return c;
    }
}
