-- Core control-plane schema: control state (truth), its event log, the hash-chained audit log,
-- console operators and API keys. Every service applies this at start (Flyway's lock serializes them).

CREATE TABLE control_state (
    control_key  text PRIMARY KEY,
    value        jsonb,                      -- NULL = cleared (e.g. a quarantine that was lifted)
    version      bigint      NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);

CREATE TABLE control_events (
    id           bigserial PRIMARY KEY,
    control_key  text        NOT NULL,
    action       text        NOT NULL,
    direction    text        NOT NULL CHECK (direction IN ('INITIALIZE', 'SAFETY_INCREASING', 'SAFETY_DECREASING', 'RESTORE')),
    old_value    jsonb,
    new_value    jsonb,
    version      bigint      NOT NULL,
    actor        text        NOT NULL,
    reason       text,
    occurred_at  timestamptz NOT NULL
);
CREATE INDEX control_events_key_time ON control_events (control_key, occurred_at DESC);

-- Append-only, hash-chained audit log. The chain is built by a trigger so that no insert path can
-- skip it; the advisory lock makes id order = chain order = commit order.
CREATE TABLE audit_log (
    id             bigint PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    resource_type  text,
    resource_id    text,
    reason         text,
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    outcome        text        NOT NULL DEFAULT 'SUCCESS',
    prev_hash      text,
    hash           text        NOT NULL
);
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
CREATE INDEX audit_log_time ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_action ON audit_log (action, occurred_at DESC);

CREATE FUNCTION audit_log_digest(prev text, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
        prev, r.id, (extract(epoch FROM r.occurred_at) * 1000000)::bigint, r.actor, r.action,
        r.resource_type, r.resource_id, r.reason, r.details, r.outcome)::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock(734629001);
    NEW.id := nextval('audit_log_id_seq');
    SELECT hash INTO previous FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := previous;
    NEW.hash := audit_log_digest(previous, NEW);
    RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Returns the id of the first row whose chain link or digest does not verify, or NULL when intact.
CREATE FUNCTION audit_log_first_broken() RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    r audit_log;
    previous text := NULL;
BEGIN
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        IF r.prev_hash IS DISTINCT FROM previous OR r.hash IS DISTINCT FROM audit_log_digest(previous, r) THEN
            RETURN r.id;
        END IF;
        previous := r.hash;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TABLE operators (
    id             bigserial PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    created_at     timestamptz NOT NULL,
    disabled_at    timestamptz
);

CREATE TABLE api_keys (
    id            bigserial PRIMARY KEY,
    key_prefix    text        NOT NULL UNIQUE CHECK (key_prefix ~ '^[a-z0-9]{8}$'),
    name          text        NOT NULL CHECK (length(name) BETWEEN 3 AND 64),
    key_salt      text        NOT NULL,
    key_hash      text        NOT NULL,
    scopes        text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text,
    replaced_by   text
);
