package io.tripwire.alert.sink;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.alert.routing.Channel;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The sink's inbox: messages delivered to the sink file, newest first ({@code ?limit=1..1000}, default 100; {@code ?channel}). */
@Path("/api/v1/inbox")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    /** The answer: where the sink file is and its newest messages. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Inbox(String sinkFile, int count, List<SinkMessage> messages) {
    }

    private final SinkFile file;

    public InboxResource(SinkFile file) {
        this.file = file;
    }

    @GET
    public Inbox list(@QueryParam("limit") String limit, @QueryParam("channel") String channel) {
        FieldErrors errors = new FieldErrors();
        int max = 0;
        try {
            max = FieldErrors.limit(limit);
        } catch (RejectException e) {
            errors.add("limit", "must be between 1 and 1000");
        }
        if (channel != null && Channel.fromWire(channel).isEmpty()) {
            errors.add("channel", "must be email, slack, sms or pagerduty");
        }
        errors.throwIfAny();
        try {
            List<SinkMessage> messages = file.newestFirst(max, m -> channel == null || channel.equals(m.channel()));
            return new Inbox(file.path().toString(), messages.size(), messages);
        } catch (IOException e) {
            throw new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE, "sink file cannot be read",
                    Map.of("sink_file", file.path().toString(), "error", e.getClass().getSimpleName()));
        }
    }
}
