package io.tripwire.controlplane.web;

import io.quarkus.security.AuthenticationFailedException;
import io.tripwire.controlplane.reject.RejectBody;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Failures that happen before a request reaches a resource still leave with the reject body: failed
 * authentication (401) and a body over {@code quarkus.http.limits.max-body-size} (400, as bad input).
 */
@ApplicationScoped
public class HttpFailureHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (context.response().ended()) {
            context.next();
            return;
        }
        if (context.failure() instanceof AuthenticationFailedException failure) {
            String message = failure.getMessage() == null ? "API key required" : failure.getMessage();
            context.response().putHeader("WWW-Authenticate", "Bearer");
            end(context, 401, RejectBody.of(RejectCode.UNAUTHENTICATED, message));
        } else if (rejectOf(context.failure()) instanceof RejectException reject) {
            end(context, reject.code().httpStatus(), reject.body());
        } else if (context.statusCode() == 413) {
            end(context, 400, RejectBody.of(RejectCode.VALIDATION_FAILED, "request body is too large",
                    Map.of("fields", Map.of("body", "too large"))));
        } else {
            context.next();
        }
    }

    /** A reject raised before the resource (e.g. API keys not verifiable while PostgreSQL is down), possibly wrapped. */
    private static RejectException rejectOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RejectException reject) {
                return reject;
            }
        }
        return null;
    }

    private static void end(RoutingContext context, int status, RejectBody body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(StateCodec.encode(body));
    }
}
