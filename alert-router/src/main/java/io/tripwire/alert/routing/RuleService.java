package io.tripwire.alert.routing;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/** Rule changes, each audited in its own transaction (before and after); a duplicate name is 409 STATE_CONFLICT. */
@ApplicationScoped
public class RuleService {

    private final Pool pool;
    private final RuleRepository repository;
    private final AuditWriter audit;
    private final Clock clock;

    public RuleService(Pool pool, RuleRepository repository, AuditWriter audit, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<RoutingRule> create(RuleDraft draft, String actor) {
        return pool.withTransaction(tx -> repository.insert(tx, draft, actor, clock.instant())
                        .call(rule -> audit.append(tx, AuditEntry.success(actor, "ALERT_RULE_CREATED", "alert_rule",
                                Long.toString(rule.id()), null, Map.of("after", RuleView.of(rule))))))
                .onFailure(RuleService::uniqueViolation).transform(RuleService::nameTaken);
    }

    public Uni<RoutingRule> replace(long id, RuleDraft draft, String actor) {
        return pool.withTransaction(tx -> repository.find(tx, id).chain(before -> {
            if (before == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return repository.update(tx, id, draft, clock.instant())
                    .call(after -> audit.append(tx, AuditEntry.success(actor, "ALERT_RULE_UPDATED", "alert_rule",
                            Long.toString(id), null, Map.of("before", RuleView.of(before), "after", RuleView.of(after)))));
        })).onFailure(RuleService::uniqueViolation).transform(RuleService::nameTaken);
    }

    public Uni<Void> delete(long id, String actor) {
        return pool.withTransaction(tx -> repository.delete(tx, id).chain(before -> before == null
                ? Uni.createFrom().failure(notFound(id))
                : audit.append(tx, AuditEntry.success(actor, "ALERT_RULE_DELETED", "alert_rule", Long.toString(id), null,
                        Map.of("before", RuleView.of(before)))).replaceWithVoid()));
    }

    private static RejectException notFound(long id) {
        return new RejectException(RejectCode.NOT_FOUND, "no rule " + id);
    }

    private static boolean uniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static Throwable nameTaken(Throwable e) {
        return new RejectException(RejectCode.STATE_CONFLICT, "a rule with this name exists", Map.of("field", "name"));
    }
}
