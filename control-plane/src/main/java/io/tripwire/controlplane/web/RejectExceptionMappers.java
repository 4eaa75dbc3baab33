package io.tripwire.controlplane.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tripwire.controlplane.reject.RejectBody;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.venue.VenueException;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of every Tripwire service: every failure leaves as the reject body
 * {@code {"code","message","details"}}. Bad input is a 4xx, never a 500.
 */
public class RejectExceptionMappers {

    @ServerExceptionMapper
    public Response reject(RejectException e) {
        RejectBody body = e.body();
        if (body.details().get("retry_after_ms") instanceof Number millis) {
            long seconds = Math.max(1, (millis.longValue() + 999) / 1000);
            return Response.status(e.code().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Retry-After", seconds).entity(body).build();
        }
        return respond(e.code().httpStatus(), body);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return respond(401, RejectBody.of(RejectCode.UNAUTHENTICATED, "a valid API key is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, RejectBody.of(RejectCode.FORBIDDEN, "this API key lacks the scope for this operation"));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        Map<String, Object> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.put(fieldName(violation), violation.getMessage());
        }
        return respond(400, RejectBody.of(RejectCode.VALIDATION_FAILED, "request is invalid", Map.of("fields", fields)));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadable(Exception e) {
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return respond(400, RejectBody.of(RejectCode.VALIDATION_FAILED, "request body is not valid JSON for this endpoint",
                Map.of("cause", String.valueOf(detail))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        RejectCode code = switch (status) {
            case 401 -> RejectCode.UNAUTHENTICATED;
            case 403 -> RejectCode.FORBIDDEN;
            case 404 -> RejectCode.NOT_FOUND;
            case 405 -> RejectCode.METHOD_NOT_ALLOWED;
            default -> status < 500 ? RejectCode.VALIDATION_FAILED : RejectCode.INTERNAL_ERROR;
        };
        String message = status < 500 && e.getMessage() != null ? e.getMessage() : "request failed";
        return respond(status, RejectBody.of(code, message));
    }

    /** A venue call behind the request failed: 422 when the venue refused it, else 503 (retry later; state is unchanged or unknown). */
    @ServerExceptionMapper
    public Response venue(VenueException e) {
        Log.warnf("venue call failed (%s, HTTP %d): %s", e.kind(), e.status(), e.getMessage());
        RejectCode code = e.kind() == VenueException.Kind.REJECTED ? RejectCode.VENUE_REJECTED : RejectCode.VENUE_UNAVAILABLE;
        String message = e.kind() == VenueException.Kind.REJECTED ? "the venue refused the request: " + e.getMessage()
                : "the venue did not answer; retry (the reconciler settles any order left in doubt)";
        return respond(code.httpStatus(), RejectBody.of(code, message, Map.of("venue_status", e.status(), "kind", e.kind().name())));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("Unhandled failure", e);
        return respond(500, RejectBody.of(RejectCode.INTERNAL_ERROR, "internal error; nothing was changed by this request"));
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Drop the "method.argN." prefix the validator adds for resource parameters.
        int dot = path.indexOf('.', path.indexOf('.') + 1);
        return dot > 0 ? path.substring(dot + 1) : path;
    }

    private static Response respond(int status, RejectBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
