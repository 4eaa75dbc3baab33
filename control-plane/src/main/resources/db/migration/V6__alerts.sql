-- Alert router (issue #5): routing rules, stored alerts, one delivery row per target, stream receipts.
-- Seed 003's runbook SQL runs unchanged against alert_deliveries: the poison query
--   SELECT id, channel, recipient, error_message, retry_count FROM alert_deliveries WHERE status = 'poison' ORDER BY failed_at DESC;
-- and the manual retry
--   UPDATE alert_deliveries SET status = 'pending', retry_count = 0 WHERE id = :delivery_id AND status = 'poison';
-- which really redelivers: the router's sweeper claims every due 'pending' row (the trigger below makes it due now).

-- Routing rules, editable through /api/v1/rules. An alert matches a rule when its severity is listed and every
-- label in match_labels equals the alert's label. Rules are tried by priority (then id); unmatched alerts go to
-- the configured default route of their severity, so every alert has at least one target.
CREATE TABLE alert_rules (
    id             bigserial PRIMARY KEY,
    name           text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 3 AND 64),
    priority       integer     NOT NULL DEFAULT 100,
    severities     text[]      NOT NULL CHECK (cardinality(severities) > 0
                                               AND severities <@ ARRAY['INFO', 'WARNING', 'CRITICAL']),
    match_labels   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    targets        jsonb       NOT NULL CHECK (jsonb_typeof(targets) = 'array' AND jsonb_array_length(targets) > 0),
    escalation     jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(escalation) = 'array'),
    stop_on_match  boolean     NOT NULL DEFAULT true,
    enabled        boolean     NOT NULL DEFAULT true,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- One row per alert that was (or will be) told to a person. A repeat of an open alert within the dedup window
-- is not a new row: it only counts in `duplicates`. At most one open alert per dedup key (partial unique index).
CREATE TABLE alerts (
    id            bigserial PRIMARY KEY,
    dedup_key     text        NOT NULL CHECK (length(dedup_key) BETWEEN 1 AND 255),
    severity      text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    status        text        NOT NULL CHECK (status IN ('firing', 'resolved')),
    source        text        NOT NULL,
    summary       text        NOT NULL,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    intake        text        NOT NULL CHECK (intake IN ('stream', 'api', 'alertmanager')),
    escalation    jsonb       NOT NULL DEFAULT '[]'::jsonb,
    is_open       boolean     NOT NULL DEFAULT false,
    resolves      bigint      REFERENCES alerts (id),
    duplicates    integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,          -- producer time: the latency metric starts here
    received_at   timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    closed_at     timestamptz
);
CREATE UNIQUE INDEX alerts_one_open_per_dedup_key ON alerts (dedup_key) WHERE is_open;
CREATE INDEX alerts_dedup_key ON alerts (dedup_key, id DESC);
CREATE INDEX alerts_received ON alerts (received_at DESC);

-- One row per (alert, target). status: pending (due at next_attempt_at, NULL = now) -> in_progress (claimed by a
-- worker) -> delivered | failed (will be retried at next_attempt_at) | poison (given up) | expired (SMS past its TTL).
-- retry_count = attempts started. kind: trigger, or resolve (sent only once the trigger it follows is terminal).
CREATE TABLE alert_deliveries (
    id               bigserial PRIMARY KEY,
    alert_id         bigint      NOT NULL REFERENCES alerts (id),
    channel          text        NOT NULL CHECK (channel IN ('email', 'slack', 'sms', 'pagerduty')),
    recipient        text        NOT NULL,
    kind             text        NOT NULL DEFAULT 'trigger' CHECK (kind IN ('trigger', 'resolve')),
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'in_progress', 'delivered', 'failed', 'poison', 'expired')),
    severity         text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    priority         smallint    NOT NULL,       -- 0 critical, 1 warning, 2 info: claimed in this order
    dedup_key        text        NOT NULL,
    retry_count      integer     NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    next_attempt_at  timestamptz,
    claimed_at       timestamptz,
    claimed_by       text,
    delivered_at     timestamptz,
    failed_at        timestamptz,
    error_message    text,
    provider_ref     text,
    follows          bigint      REFERENCES alert_deliveries (id),
    escalated_from   bigint      REFERENCES alert_deliveries (id),
    requeued_at      timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (priority, id) WHERE status IN ('pending', 'failed');
CREATE INDEX alert_deliveries_in_progress ON alert_deliveries (claimed_at) WHERE status = 'in_progress';
CREATE INDEX alert_deliveries_poison ON alert_deliveries (failed_at DESC) WHERE status = 'poison';
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
CREATE INDEX alert_deliveries_follows ON alert_deliveries (follows) WHERE follows IS NOT NULL;

-- A delivery put back to 'pending' by hand (seed 003's UPDATE, or the retry API) is due at once, its SMS TTL
-- counts from now, and the re-queue is audited. The API marks its own transaction (tripwire.audited = on) because
-- it writes a richer audit row itself; a bare SQL re-queue is audited here with the database user as actor.
CREATE FUNCTION alert_delivery_requeued() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.next_attempt_at := NULL;
    NEW.claimed_at := NULL;
    NEW.claimed_by := NULL;
    NEW.requeued_at := now();
    NEW.updated_at := now();
    IF coalesce(current_setting('tripwire.audited', true), '') <> 'on' THEN
        INSERT INTO audit_log (occurred_at, actor, action, resource_type, resource_id, reason, details)
        VALUES (now(), 'sql:' || current_user, 'ALERT_DELIVERY_REQUEUED', 'alert_delivery', NEW.id::text,
                'status set back to pending with SQL',
                jsonb_build_object('from_status', OLD.status, 'channel', NEW.channel, 'retry_count', NEW.retry_count));
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER alert_delivery_requeued BEFORE UPDATE OF status ON alert_deliveries FOR EACH ROW
    WHEN (NEW.status = 'pending' AND OLD.status IN ('poison', 'expired', 'failed', 'delivered'))
    EXECUTE FUNCTION alert_delivery_requeued();

-- Stream entries already stored: an entry re-read after a crash between COMMIT and XACK is not stored twice.
CREATE TABLE alert_stream_receipts (
    stream_id    text        PRIMARY KEY,
    received_at  timestamptz NOT NULL
);
CREATE INDEX alert_stream_receipts_time ON alert_stream_receipts (received_at);

-- Stores one batch of alerts in the caller's transaction, in order, with the dedup rules applied atomically:
--  * firing, an open alert with the key stored within p_window  -> duplicate (counted on that alert, nothing sent);
--  * firing otherwise -> a new open alert (an older open one past the window is closed: a repeat reminder) and one
--    pending delivery per target;
--  * resolved with an open alert -> closes it, stores the resolved alert and a 'resolve' delivery for every
--    (channel, recipient) the firing alert was sent to, except SMS; each follows its trigger delivery;
--  * resolved without an open alert -> duplicate;
--  * poison_reason set (unparsable stream entry) -> stored with its raw fields, deliveries straight to 'poison'.
-- Element fields: dedup_key, severity, status, source, summary, details, intake, created_at, targets, escalation,
-- poison_reason. Returns one row per element: its index (1-based), outcome, alert id and deliveries created.
CREATE FUNCTION alert_ingest(batch jsonb, p_now timestamptz, p_window interval)
RETURNS TABLE (idx integer, outcome text, alert_id bigint, deliveries integer)
LANGUAGE plpgsql AS $$
DECLARE
    e        jsonb;
    i        integer := 0;
    k        text;
    sev      text;
    prio     smallint;
    aid      bigint;
    open_id  bigint;
    still    boolean;
    n        integer;
BEGIN
    FOR e IN SELECT value FROM jsonb_array_elements(batch) LOOP
        i := i + 1;
        k := e->>'dedup_key';
        sev := e->>'severity';
        prio := CASE sev WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END;
        aid := NULL;
        n := 0;
        IF e->>'poison_reason' IS NOT NULL THEN
            INSERT INTO alerts (dedup_key, severity, status, source, summary, details, intake, escalation, is_open,
                                created_at, received_at, last_seen_at)
            VALUES (k, sev, e->>'status', e->>'source', e->>'summary', e->'details', e->>'intake', '[]'::jsonb, false,
                    (e->>'created_at')::timestamptz, p_now, p_now)
            RETURNING id INTO aid;
            INSERT INTO alert_deliveries (alert_id, channel, recipient, kind, status, severity, priority, dedup_key,
                                          failed_at, error_message, created_at, updated_at)
            SELECT aid, t->>'channel', t->>'recipient', 'trigger', 'poison', sev, prio, k, p_now, e->>'poison_reason', p_now, p_now
            FROM jsonb_array_elements(e->'targets') t;
            GET DIAGNOSTICS n = ROW_COUNT;
            idx := i; outcome := 'unparsable'; alert_id := aid; deliveries := n;
            RETURN NEXT;
            CONTINUE;
        END IF;

        IF e->>'status' = 'firing' THEN
            still := NULL;
            UPDATE alerts a
               SET duplicates = a.duplicates + CASE WHEN a.received_at > p_now - p_window THEN 1 ELSE 0 END,
                   last_seen_at = p_now,
                   is_open = (a.received_at > p_now - p_window),
                   closed_at = CASE WHEN a.received_at > p_now - p_window THEN NULL ELSE p_now END
             WHERE a.dedup_key = k AND a.is_open
            RETURNING a.id, a.is_open INTO open_id, still;
            IF still THEN
                idx := i; outcome := 'duplicate'; alert_id := open_id; deliveries := 0;
                RETURN NEXT;
                CONTINUE;
            END IF;
            INSERT INTO alerts (dedup_key, severity, status, source, summary, details, intake, escalation, is_open,
                                created_at, received_at, last_seen_at)
            VALUES (k, sev, 'firing', e->>'source', e->>'summary', e->'details', e->>'intake', e->'escalation', true,
                    (e->>'created_at')::timestamptz, p_now, p_now)
            ON CONFLICT (dedup_key) WHERE is_open DO NOTHING
            RETURNING id INTO aid;
            IF aid IS NULL THEN  -- another router stored the same key a moment ago
                UPDATE alerts a SET duplicates = a.duplicates + 1, last_seen_at = p_now
                 WHERE a.dedup_key = k AND a.is_open RETURNING a.id INTO open_id;
                idx := i; outcome := 'duplicate'; alert_id := open_id; deliveries := 0;
                RETURN NEXT;
                CONTINUE;
            END IF;
            INSERT INTO alert_deliveries (alert_id, channel, recipient, kind, status, severity, priority, dedup_key,
                                          created_at, updated_at)
            SELECT aid, t->>'channel', t->>'recipient', 'trigger', 'pending', sev, prio, k, p_now, p_now
            FROM jsonb_array_elements(e->'targets') t;
            GET DIAGNOSTICS n = ROW_COUNT;
            idx := i; outcome := 'stored'; alert_id := aid; deliveries := n;
            RETURN NEXT;
            CONTINUE;
        END IF;

        -- resolved
        UPDATE alerts a SET is_open = false, closed_at = p_now, last_seen_at = p_now
         WHERE a.dedup_key = k AND a.is_open RETURNING a.id INTO open_id;
        IF open_id IS NULL THEN
            UPDATE alerts a SET duplicates = a.duplicates + 1, last_seen_at = p_now
             WHERE a.id = (SELECT max(x.id) FROM alerts x WHERE x.dedup_key = k) RETURNING a.id INTO open_id;
            idx := i; outcome := 'duplicate'; alert_id := open_id; deliveries := 0;
            RETURN NEXT;
            CONTINUE;
        END IF;
        INSERT INTO alerts (dedup_key, severity, status, source, summary, details, intake, escalation, is_open,
                            resolves, created_at, received_at, last_seen_at, closed_at)
        VALUES (k, sev, 'resolved', e->>'source', e->>'summary', e->'details', e->>'intake', '[]'::jsonb, false,
                open_id, (e->>'created_at')::timestamptz, p_now, p_now, p_now)
        RETURNING id INTO aid;
        INSERT INTO alert_deliveries (alert_id, channel, recipient, kind, status, severity, priority, dedup_key,
                                      follows, created_at, updated_at)
        SELECT DISTINCT ON (t.channel, t.recipient) aid, t.channel, t.recipient, 'resolve', 'pending', t.severity,
               t.priority, k, t.id, p_now, p_now
        FROM alert_deliveries t
        WHERE t.alert_id = open_id AND t.kind = 'trigger' AND t.channel <> 'sms'
        ORDER BY t.channel, t.recipient, t.id DESC;
        GET DIAGNOSTICS n = ROW_COUNT;
        idx := i; outcome := 'resolved'; alert_id := aid; deliveries := n;
        RETURN NEXT;
    END LOOP;
END
$$;
