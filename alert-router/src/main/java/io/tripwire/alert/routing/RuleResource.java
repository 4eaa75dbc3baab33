package io.tripwire.alert.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Routing rules (table alert_rules): list, create, replace, delete; every change audited. */
@Path("/api/v1/rules")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleRepository repository;
    private final RuleService service;
    private final SecurityIdentity identity;

    public RuleResource(RuleRepository repository, RuleService service, SecurityIdentity identity) {
        this.repository = repository;
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<List<RuleView>> list() {
        return repository.list().map(rules -> rules.stream().map(RuleView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<RuleView> create(RuleRequest request) {
        return service.create(valid(request), actor()).map(RuleView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RuleView> replace(@PathParam("id") String id, RuleRequest request) {
        long ruleId = FieldErrors.id(id);
        return service.replace(ruleId, valid(request), actor()).map(RuleView::of);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(FieldErrors.id(id), actor());
    }

    private static RuleDraft valid(RuleRequest request) {
        if (request == null) {
            throw FieldErrors.invalid("body", "is required");
        }
        return request.validate();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
