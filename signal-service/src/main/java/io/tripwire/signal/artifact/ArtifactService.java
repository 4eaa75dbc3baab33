package io.tripwire.signal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.signal.web.FieldErrors;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The approval gate: creates DRAFTs and moves artifacts through their state machine ({@link ArtifactState}),
 * each move in one transaction with its approval row (approval steps), its artifact_state_changes row (trigger)
 * and its audit_log row; after the commit the change is published on {@code artifacts:changed}. An illegal
 * move is 409 STATE_CONFLICT naming the current state and the allowed ones.
 */
@ApplicationScoped
public class ArtifactService {

    static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern STRATEGY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    static final Pattern STRATEGY_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    static final int MAX_PAYLOAD_CHARS = 256 * 1024;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String RESOURCE = "strategy_artifact";

    private final ArtifactRepository repository;
    private final AuditWriter audit;
    private final ArtifactChanges changes;
    private final Clock clock;

    public ArtifactService(ArtifactRepository repository, AuditWriter audit, ArtifactChanges changes, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** Validates and stores a new DRAFT with its hash; 409 when the id, the name + version or the hash exists. */
    public Uni<Artifact> create(ArtifactRequests.Create request, String actor) {
        if (request == null) {
            throw FieldErrors.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String name = errors.matching("strategy_name", request.strategyName(), STRATEGY_NAME, "1-40 of A-Z a-z 0-9 . _ -");
        String version = errors.matching("strategy_version", request.strategyVersion(), STRATEGY_VERSION, "1-32 of A-Z a-z 0-9 . _ -");
        Instant now = clock.instant();
        String artifactId = request.artifactId() == null && name != null ? "strat_" + name + "_" + ID_TIME.format(now) : request.artifactId();
        errors.matching("artifact_id", artifactId, ARTIFACT_ID, "1-64 of A-Z a-z 0-9 . _ -");
        ArtifactPayload.read(request.payload(), errors);
        errors.throwIfAny();
        String canonical = ArtifactHash.canonicalJson(request.payload());
        if (canonical.length() > MAX_PAYLOAD_CHARS) {
            throw FieldErrors.invalid("payload", "longer than " + MAX_PAYLOAD_CHARS + " characters");
        }
        JsonNode stored = ArtifactHash.parse(canonical);
        String hash = ArtifactHash.of(artifactId, name, version, stored);
        return repository.pool().withTransaction(tx -> repository.insert(tx, artifactId, name, version, hash, canonical, actor, now)
                        .call(a -> audit.append(tx, AuditEntry.success(actor, "artifact.create", RESOURCE, a.artifactId(), null,
                                Map.of("strategy_name", name, "strategy_version", version, "hash", hash, "state", "DRAFT")))))
                .onFailure(ArtifactService::uniqueViolation).transform(e -> new RejectException(RejectCode.STATE_CONFLICT,
                        "an artifact with this artifact_id, strategy_name + strategy_version or payload already exists",
                        Map.of("artifact_id", artifactId, "strategy_name", name, "strategy_version", version, "hash", hash)));
    }

    /** One approval step: DRAFT → VALIDATED → REVIEWED → APPROVED, recorded with approver, type and notes. */
    public Uni<Artifact> approve(String artifactId, ArtifactRequests.Approve request, String actor) {
        FieldErrors errors = new FieldErrors();
        ArtifactRequests.Approve body = request == null ? new ArtifactRequests.Approve(null, null, null) : request;
        String approver = body.approver() == null ? actor : errors.text("approver", body.approver(), 100);
        ApprovalType type = approvalType(body.type(), errors);
        String notes = errors.optionalText("notes", body.notes(), 2000);
        errors.throwIfAny();
        Instant now = clock.instant();
        return inTransaction(artifactId, (tx, artifact) -> {
            ArtifactState next = artifact.state().nextApprovalStep();
            if (next == null) {
                throw conflict(artifact, ArtifactState.APPROVED, artifact.state() == ArtifactState.DEPRECATED
                        ? "a deprecated artifact is re-approved only by a rollback to it"
                        : "artifact " + artifactId + " is " + artifact.state() + ": there is no approval step left");
            }
            String reason = type + " approval by " + approver + (notes == null ? "" : ": " + notes);
            return repository.moveState(tx, artifact.id(), next, actor, reason)
                    .call(() -> repository.insertApproval(tx, artifact.id(), approver, type, artifact.state(), next, notes, now))
                    .call(moved -> audit.append(tx, AuditEntry.success(actor, "artifact.approve", RESOURCE, artifactId, notes,
                            details(artifact, next, Map.of("approver", approver, "approval_type", type.name())))));
        }).call(a -> changes.published(a.artifactId(), a.state().name(), "approve"));
    }

    public Uni<Artifact> activate(String artifactId, ArtifactRequests.Reason request, String actor) {
        return move(artifactId, ArtifactState.ACTIVE, reason(request, false), actor, "activate");
    }

    public Uni<Artifact> deprecate(String artifactId, ArtifactRequests.Reason request, String actor) {
        return move(artifactId, ArtifactState.DEPRECATED, reason(request, false), actor, "deprecate");
    }

    /** REVOKED from any state, final; models loaded from it are dropped on every replica. */
    public Uni<Artifact> revoke(String artifactId, ArtifactRequests.Reason request, String actor) {
        return move(artifactId, ArtifactState.REVOKED, reason(request, true), actor, "revoke");
    }

    /**
     * Re-approves a previous artifact of the same strategy (it must be DEPRECATED: it was approved once and never
     * revoked) and deprecates the strategy's APPROVED/ACTIVE ones, in one transaction.
     */
    public Uni<List<Artifact>> rollback(ArtifactRequests.Rollback request, String actor) {
        if (request == null) {
            throw FieldErrors.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String to = errors.matching("to", request.to(), ARTIFACT_ID, "an artifact_id");
        String reason = errors.text("reason", request.reason(), 2000);
        errors.throwIfAny();
        return repository.find(to).chain(found -> {
            Artifact target = found.orElseThrow(() -> notFound(to));
            return repository.pool().withTransaction(tx -> repository.lockStrategy(tx, target.strategyName()).chain(all -> {
                Artifact locked = all.stream().filter(a -> a.artifactId().equals(to)).findFirst().orElseThrow(() -> notFound(to));
                if (locked.state() != ArtifactState.DEPRECATED) {
                    throw conflict(locked, ArtifactState.APPROVED, locked.state() == ArtifactState.REVOKED
                            ? "artifact " + to + " is REVOKED, which is final: it can never be approved again"
                            : "only a DEPRECATED artifact (approved once, never revoked) can be rolled back to; " + to + " is " + locked.state());
                }
                List<Artifact> current = all.stream().filter(a -> a.state().usable()).toList();
                List<String> deprecated = current.stream().map(Artifact::artifactId).toList();
                Uni<List<Artifact>> chain = Uni.createFrom().item(() -> new ArrayList<>());
                for (Artifact c : current) {
                    chain = chain.call(list -> repository.moveState(tx, c.id(), ArtifactState.DEPRECATED, actor, "rollback to " + to + ": " + reason)
                            .invoke(list::add));
                }
                return chain.call(list -> repository.moveState(tx, locked.id(), ArtifactState.APPROVED, actor, "rollback: " + reason)
                                .invoke(list::add))
                        .call(list -> audit.append(tx, AuditEntry.success(actor, "artifact.rollback", RESOURCE, to, reason,
                                Map.of("strategy_name", locked.strategyName(), "to", to, "from_state", locked.state().name(),
                                        "to_state", "APPROVED", "deprecated", deprecated))));
            }));
        }).call(list -> changes.published(to, ArtifactState.APPROVED.name(), "rollback"));
    }

    private Uni<Artifact> move(String artifactId, ArtifactState target, String reason, String actor, String action) {
        return inTransaction(artifactId, (tx, artifact) -> {
            if (!artifact.state().canMoveTo(target)) {
                throw conflict(artifact, target, "artifact " + artifactId + " cannot move from " + artifact.state() + " to " + target
                        + (artifact.state() == ArtifactState.REVOKED ? " (REVOKED is final)" : ""));
            }
            return repository.moveState(tx, artifact.id(), target, actor, reason)
                    .call(moved -> audit.append(tx, AuditEntry.success(actor, "artifact." + action, RESOURCE, artifactId, reason,
                            details(artifact, target, Map.of()))));
        }).call(a -> changes.published(a.artifactId(), a.state().name(), action));
    }

    private Uni<Artifact> inTransaction(String artifactId, Step step) {
        if (artifactId == null || !ARTIFACT_ID.matcher(artifactId).matches()) {
            throw FieldErrors.invalid("artifact_id", "must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        return repository.pool().withTransaction(tx -> repository.lock(tx, artifactId)
                .chain(found -> step.apply(tx, found.orElseThrow(() -> notFound(artifactId)))));
    }

    private interface Step {
        Uni<Artifact> apply(io.vertx.mutiny.sqlclient.SqlClient tx, Artifact artifact);
    }

    static RejectException conflict(Artifact artifact, ArtifactState requested, String message) {
        List<String> allowed = Arrays.stream(ArtifactState.values()).filter(artifact.state()::canMoveTo).map(Enum::name).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("artifact_id", artifact.artifactId());
        details.put("state", artifact.state().name());
        details.put("requested", requested.name());
        details.put("allowed", allowed);
        return new RejectException(RejectCode.STATE_CONFLICT, message, details);
    }

    static RejectException notFound(String artifactId) {
        return new RejectException(RejectCode.NOT_FOUND, "no artifact " + artifactId, Map.of("artifact_id", artifactId));
    }

    private static Map<String, Object> details(Artifact artifact, ArtifactState to, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("strategy_name", artifact.strategyName());
        details.put("hash", artifact.hash());
        details.put("from_state", artifact.state().name());
        details.put("to_state", to.name());
        return details;
    }

    private static ApprovalType approvalType(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add("type", "is required: TECHNICAL, RISK or BUSINESS");
            return null;
        }
        try {
            return ApprovalType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("type", "must be TECHNICAL, RISK or BUSINESS");
            return null;
        }
    }

    private static String reason(ArtifactRequests.Reason request, boolean required) {
        FieldErrors errors = new FieldErrors();
        String value = request == null ? null : request.reason();
        String reason = required ? errors.text("reason", value, 2000) : errors.optionalText("reason", value, 2000);
        errors.throwIfAny();
        return reason;
    }

    private static boolean uniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
