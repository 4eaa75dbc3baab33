-- Reconciler (issue #4): one row per reconciliation run with its diff report, the orders the venue has
-- that Tripwire never sent (orphans), the fills already booked into positions, and the fencing token
-- that stops a reconciler which lost its lease from writing.

CREATE TABLE reconciliation_runs (
    run_id           text          PRIMARY KEY,
    trigger          text          NOT NULL CHECK (trigger IN ('STARTUP', 'PERIODIC', 'MANUAL', 'RECOVERY', 'HANDOVER', 'FORCED')),
    instance         text          NOT NULL,
    fencing_token    bigint        NOT NULL,
    state            text          NOT NULL CHECK (state IN ('RUNNING', 'READY', 'FAILED', 'FORCED')),
    started_at       timestamptz   NOT NULL,
    finished_at      timestamptz,
    duration_ms      bigint,
    high_water_mark  timestamptz,                       -- venue listing covered orders submitted after this
    counts           jsonb         NOT NULL DEFAULT '{}'::jsonb,   -- per diff class
    report           jsonb         NOT NULL DEFAULT '[]'::jsonb,   -- the differences, bounded
    failure_reason   text,
    forced_by        text,
    forced_reason    text
);
CREATE INDEX reconciliation_runs_time ON reconciliation_runs (started_at DESC);
CREATE INDEX reconciliation_runs_ready ON reconciliation_runs (finished_at DESC) WHERE state = 'READY';

-- Orders the venue reports whose client order id Tripwire does not know. An open (uncleared) orphan
-- keeps quarantine:*:{SYMBOL} set; clearing is an audited operator action.
CREATE TABLE orphan_orders (
    id               bigserial     PRIMARY KEY,
    venue_order_id   text          NOT NULL UNIQUE,
    client_order_id  text          NOT NULL,
    symbol           text          NOT NULL,
    side             text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity         numeric(28,9),
    filled_qty       numeric(28,9) NOT NULL DEFAULT 0,
    status           text          NOT NULL,
    strategy         text          NOT NULL DEFAULT 'external',
    first_seen_at    timestamptz   NOT NULL,
    last_seen_at     timestamptz   NOT NULL,
    first_run_id     text          NOT NULL,
    cleared_at       timestamptz,
    cleared_by       text,
    clear_reason     text
);
CREATE INDEX orphan_orders_open ON orphan_orders (symbol) WHERE cleared_at IS NULL;

-- How much of each order's fill (ours and orphans', signed: buy +, sell -) is already in positions,
-- so every run books only what was filled since: positions.quantity = aligned base + booked fills.
CREATE TABLE position_bookings (
    client_order_id  text          PRIMARY KEY,
    symbol           text          NOT NULL,
    booked_qty       numeric(28,9) NOT NULL,
    booked_at        timestamptz   NOT NULL
);

-- Fencing: PostgreSQL hands out the token of each new lease (durable even when Redis loses its data);
-- a reconciler write first checks the token is still the current one.
CREATE TABLE reconciler_fence (
    id          int         PRIMARY KEY CHECK (id = 1),
    token       bigint      NOT NULL,
    holder      text,
    updated_at  timestamptz NOT NULL
);
INSERT INTO reconciler_fence (id, token, holder, updated_at) VALUES (1, 0, NULL, now());
