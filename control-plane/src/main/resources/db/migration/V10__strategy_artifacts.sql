-- Strategy artifacts (seed 000): the approval gate of every model the signal service may use, the approval
-- steps, every state change (also those made with plain SQL, as the runbook does), the signals recorded
-- from them, and the two relations the runbooks query: trades (seed 000's audit join) and
-- agent_performance (seed 004). Seed 000's SQL runs unchanged against these.

CREATE TABLE strategy_artifacts (
    id                bigserial   PRIMARY KEY,
    -- The name orders carry in orders.artifact_id (same character set as the gateway's artifact_id field).
    artifact_id       text        NOT NULL UNIQUE CHECK (artifact_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    strategy_name     text        NOT NULL CHECK (strategy_name ~ '^[A-Za-z0-9._-]{1,40}$'),
    strategy_version  text        NOT NULL CHECK (strategy_version ~ '^[A-Za-z0-9._-]{1,32}$'),
    -- SHA-256 hex of the canonical JSON of {artifact_id, strategy_name, strategy_version, payload}
    -- (keys sorted, no whitespace, numbers normalized); checked at every load, a mismatch is refused.
    hash              text        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
    state             text        NOT NULL DEFAULT 'DRAFT'
                                  CHECK (state IN ('DRAFT', 'VALIDATED', 'REVIEWED', 'APPROVED', 'ACTIVE', 'DEPRECATED', 'REVOKED')),
    -- model (logistic weights over features + bias), symbols, sizing, risk_profile, backtest metrics
    payload           jsonb       NOT NULL,
    created_by        text        NOT NULL DEFAULT 'sql',
    created_at        timestamptz NOT NULL DEFAULT now(),
    state_changed_at  timestamptz NOT NULL DEFAULT now(),
    state_changed_by  text        NOT NULL DEFAULT 'sql',
    UNIQUE (strategy_name, strategy_version)
);
CREATE INDEX strategy_artifacts_state ON strategy_artifacts (state, created_at DESC);
CREATE INDEX strategy_artifacts_strategy ON strategy_artifacts (strategy_name, created_at DESC);

-- One row per approval step (DRAFT -> VALIDATED -> REVIEWED -> APPROVED), who signed it and as what.
CREATE TABLE artifact_approvals (
    id             bigserial   PRIMARY KEY,
    artifact       bigint      NOT NULL REFERENCES strategy_artifacts (id),
    approver       text        NOT NULL,
    approval_type  text        NOT NULL CHECK (approval_type IN ('TECHNICAL', 'RISK', 'BUSINESS')),
    from_state     text        NOT NULL,
    to_state       text        NOT NULL,
    notes          text,
    approved_at    timestamptz NOT NULL
);
CREATE INDEX artifact_approvals_artifact ON artifact_approvals (artifact, id);

-- Every state change of an artifact, written by the trigger below whatever made it (the API or SQL).
CREATE TABLE artifact_state_changes (
    id          bigserial   PRIMARY KEY,
    artifact    bigint      NOT NULL REFERENCES strategy_artifacts (id),
    from_state  text        NOT NULL,
    to_state    text        NOT NULL,
    changed_by  text        NOT NULL,
    reason      text,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX artifact_state_changes_artifact ON artifact_state_changes (artifact, id);

-- The state machine, enforced for every writer (the signal service and a person with psql alike):
-- DRAFT -> VALIDATED -> REVIEWED -> APPROVED -> ACTIVE -> DEPRECATED; REVOKED from any state, and final;
-- APPROVED -> DEPRECATED and DEPRECATED -> APPROVED are the two halves of a rollback (the previous
-- artifact is re-approved, the current one deprecated). Same rules as io.tripwire.controlplane.artifact.ArtifactState.
CREATE FUNCTION strategy_artifact_transition_allowed(from_state text, to_state text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT from_state <> 'REVOKED' AND (to_state = 'REVOKED' OR (from_state, to_state) IN (
        ('DRAFT', 'VALIDATED'), ('VALIDATED', 'REVIEWED'), ('REVIEWED', 'APPROVED'), ('APPROVED', 'ACTIVE'),
        ('ACTIVE', 'DEPRECATED'), ('APPROVED', 'DEPRECATED'), ('DEPRECATED', 'APPROVED')))
$$;

CREATE FUNCTION strategy_artifacts_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    actor text := coalesce(nullif(current_setting('tripwire.actor', true), ''), 'sql:' || current_user);
BEGIN
    IF NEW.state IS DISTINCT FROM OLD.state THEN
        IF NOT strategy_artifact_transition_allowed(OLD.state, NEW.state) THEN
            RAISE EXCEPTION 'strategy artifact % cannot move from % to %', OLD.artifact_id, OLD.state, NEW.state
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.state_changed_at := now();
        NEW.state_changed_by := actor;
        INSERT INTO artifact_state_changes (artifact, from_state, to_state, changed_by, reason)
        VALUES (OLD.id, OLD.state, NEW.state, actor, nullif(current_setting('tripwire.reason', true), ''));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER strategy_artifacts_guard BEFORE UPDATE ON strategy_artifacts
    FOR EACH ROW EXECUTE FUNCTION strategy_artifacts_guard();

-- Every artifact starts as a DRAFT: no writer can insert one already approved.
CREATE FUNCTION strategy_artifacts_draft_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state <> 'DRAFT' THEN
        RAISE EXCEPTION 'strategy artifact % must be created as DRAFT, not %', NEW.artifact_id, NEW.state
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER strategy_artifacts_draft_only BEFORE INSERT ON strategy_artifacts
    FOR EACH ROW EXECUTE FUNCTION strategy_artifacts_draft_only();

-- Decisions the signal service made from a bar with a loaded artifact (one per artifact, symbol and bar).
CREATE TABLE strategy_signals (
    id             bigserial     PRIMARY KEY,
    artifact       bigint        NOT NULL REFERENCES strategy_artifacts (id),
    artifact_id    text          NOT NULL,
    strategy_name  text          NOT NULL,
    symbol         text          NOT NULL,
    signal         text          NOT NULL CHECK (signal IN ('long', 'short', 'flat')),
    prob_long      numeric(9,6)  NOT NULL,
    prob_short     numeric(9,6)  NOT NULL,
    confidence     numeric(9,6)  NOT NULL,
    threshold      numeric(9,6)  NOT NULL,
    allow          boolean       NOT NULL,
    features       jsonb         NOT NULL,
    bar_ts         timestamptz   NOT NULL,
    stream_id      text,
    created_at     timestamptz   NOT NULL,
    UNIQUE (artifact, symbol, bar_ts)
);
CREATE INDEX strategy_signals_time ON strategy_signals (created_at DESC);
CREATE INDEX strategy_signals_symbol_time ON strategy_signals (symbol, bar_ts DESC);

-- Seed 000's audit trail: every executed order (filled quantity > 0) with the artifact that authorised it.
-- artifact_id is strategy_artifacts.id, so "trades t JOIN strategy_artifacts a ON t.artifact_id = a.id" runs
-- as written; orders carry the artifact's name (orders.artifact_id), artifact_name repeats it.
CREATE VIEW trades AS
SELECT o.id,
       o.symbol,
       o.side          AS action,
       o.filled_qty    AS quantity,
       o.created_at,
       a.id            AS artifact_id,
       o.artifact_id   AS artifact_name,
       o.strategy_id,
       o.avg_fill_price,
       o.status,
       o.pnl
FROM orders o
LEFT JOIN strategy_artifacts a ON a.artifact_id = o.artifact_id
WHERE o.filled_qty > 0;

-- Seed 004's agent performance, per strategy (orders.strategy_id), from the realized P&L of its orders:
-- win_rate = share of orders with a realized P&L that made money, sharpe_ratio = mean / sample standard
-- deviation of those P&Ls (per trade, not annualized; NULL below two trades or with zero spread).
CREATE VIEW agent_performance AS
SELECT o.strategy_id                                              AS agent_id,
       count(*)                                                   AS trades,
       round(avg(CASE WHEN o.pnl > 0 THEN 1 ELSE 0 END), 6)       AS win_rate,
       round(avg(o.pnl) / nullif(stddev_samp(o.pnl), 0), 6)       AS sharpe_ratio,
       sum(o.pnl)                                                 AS total_pnl,
       max(o.updated_at)                                          AS updated_at
FROM orders o
WHERE o.strategy_id IS NOT NULL AND o.pnl <> 0
GROUP BY o.strategy_id;
