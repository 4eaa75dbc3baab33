-- Risk configuration held in PostgreSQL (issue 11, ADR 0037): every saved version of the limits and
-- thresholds the services read (gateway.risk.*, gateway.breaker.*, gateway.rate-limits.*, ...). A version
-- holds the fields an administrator set, by their property names; a field never set is the service's own
-- setting (its default). Versions are append-only: the newest valid one is the current configuration.
CREATE TABLE risk_config_versions (
    version      bigint      PRIMARY KEY CHECK (version > 0),
    settings     jsonb       NOT NULL,           -- {"gateway.risk.max-order-notional": "250000", ...}
    changes      jsonb       NOT NULL DEFAULT '{}'::jsonb, -- {field: {"old": ..., "new": ...}}
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    reason       text        NOT NULL
);
CREATE TRIGGER risk_config_versions_no_change BEFORE UPDATE OR DELETE ON risk_config_versions
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER risk_config_versions_no_truncate BEFORE TRUNCATE ON risk_config_versions
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
