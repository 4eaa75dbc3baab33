package io.tripwire.papervenue.fault;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.alpaca.AlpacaExceptionMapper;
import io.tripwire.papervenue.auth.AlpacaPaths;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies {@link FaultInjector}'s plan to authenticated Alpaca requests: latency and injected errors
 * before the request is handled; for accept-then-time-out, the order is handled (and persisted)
 * normally and only its answer is held back.
 */
public class FaultFilter {

    private static final String HOLD = FaultFilter.class.getName() + ".hold";

    private final FaultInjector injector;

    public FaultFilter(FaultInjector injector) {
        this.injector = injector;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> beforeRequest(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!AlpacaPaths.isAlpaca(path)) {
            return Uni.createFrom().nullItem();
        }
        FaultPlan plan = injector.plan(createsOrder(request.getMethod(), path));
        if (plan == FaultPlan.NONE) {
            return Uni.createFrom().nullItem();
        }
        request.setProperty(HOLD, plan.holdResponse());
        return delay(plan.latency()).map(v -> {
            if (plan.errorStatus() == 500) {
                return AlpacaExceptionMapper.respond(AlpacaException.internal("internal server error (injected fault)"));
            }
            if (plan.errorStatus() == 503) {
                return AlpacaExceptionMapper.respond(AlpacaException.unavailable("service unavailable (injected fault)"));
            }
            if (plan.rejectOrder()) {
                Log.infof("Paper venue refused %s %s: reject_all fault", request.getMethod(), path);
                return AlpacaExceptionMapper.respond(AlpacaException.forbidden("order rejected by the venue (reject_all fault)"));
            }
            return null;
        });
    }

    @ServerResponseFilter
    public Uni<Void> afterResponse(ContainerRequestContext request, ContainerResponseContext response) {
        if (Boolean.TRUE.equals(request.getProperty(HOLD)) && response.getStatus() < 300) {
            Log.infof("Paper venue holds the answer to %s %s for %s (accept_then_timeout fault)", request.getMethod(),
                    request.getUriInfo().getPath(), injector.holdDuration());
            return delay(injector.holdDuration());
        }
        return Uni.createFrom().voidItem();
    }

    static boolean createsOrder(String method, String path) {
        return ("POST".equals(method) && path.equals("/v2/orders"))
                || ("DELETE".equals(method) && path.startsWith("/v2/positions"));
    }

    private static Uni<Void> delay(Duration duration) {
        Uni<Void> done = Uni.createFrom().voidItem();
        return duration.isZero() ? done : done.onItem().delayIt().by(duration);
    }
}
