package io.tripwire.alert.channel;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** PagerDuty Events API v2 ({@code quarkus.rest-client.pagerduty.url} = {@code alert.pagerduty.base-url}). */
@RegisterRestClient(configKey = "pagerduty")
@Path("/v2/enqueue")
public interface PagerDutyApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> enqueue(PagerDutyEvent event);
}
