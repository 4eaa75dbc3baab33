-- Execution gateway: order intents (persisted before any venue call), their append-only event trail,
-- positions as the gateway books them, and the breaker / kill-switch event logs the runbooks query.

CREATE TABLE orders (
    id               uuid PRIMARY KEY,
    client_order_id  text          NOT NULL UNIQUE,
    request_hash     text          NOT NULL,
    api_key_prefix   text,
    strategy_id      text,
    artifact_id      text,
    symbol           text          NOT NULL,
    side             text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    order_type       text          NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT')),
    time_in_force    text          NOT NULL CHECK (time_in_force IN ('DAY', 'GTC', 'IOC')),
    quantity         numeric(28,8) NOT NULL CHECK (quantity > 0),
    limit_price      numeric(28,8) CHECK (limit_price > 0),
    reference_price  numeric(28,8),
    reduce_only      boolean       NOT NULL DEFAULT false,
    confidence       numeric(6,5),
    status           text          NOT NULL,
    status_rank      int           NOT NULL,
    filled_qty       numeric(28,8) NOT NULL DEFAULT 0 CHECK (filled_qty >= 0),
    avg_fill_price   numeric(28,8),
    pnl              numeric(28,8) NOT NULL DEFAULT 0,
    venue            text          NOT NULL,
    venue_order_id   text,
    reject_code      text,
    reject_message   text,
    provenance       text          NOT NULL DEFAULT 'api',
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    submitted_at     timestamptz
);
CREATE INDEX orders_open ON orders (status) WHERE status IN ('NEW', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED', 'UNKNOWN');
CREATE INDEX orders_symbol_time ON orders (symbol, created_at DESC);
CREATE INDEX orders_time ON orders (created_at DESC);

-- Append-only trail of every order status change (the per-order audit; control actions go to audit_log).
CREATE TABLE order_events (
    id           bigserial PRIMARY KEY,
    order_id     uuid          NOT NULL REFERENCES orders (id),
    event        text          NOT NULL,
    status       text          NOT NULL,
    filled_qty   numeric(28,8),
    fill_price   numeric(28,8),
    actor        text          NOT NULL,
    details      jsonb         NOT NULL DEFAULT '{}'::jsonb,
    occurred_at  timestamptz   NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);

CREATE TABLE positions (
    symbol           text PRIMARY KEY,
    quantity         numeric(28,8) NOT NULL DEFAULT 0,
    avg_entry_price  numeric(28,8),
    realized_pnl     numeric(28,8) NOT NULL DEFAULT 0,
    updated_at       timestamptz   NOT NULL
);

CREATE TABLE circuit_breaker_events (
    id               bigserial PRIMARY KEY,
    event            text          NOT NULL CHECK (event IN ('TRIP', 'RESET')),
    reason           text          NOT NULL,
    details          jsonb         NOT NULL DEFAULT '{}'::jsonb,
    threshold_value  numeric(28,8),
    actual_value     numeric(28,8),
    actor            text          NOT NULL,
    created_at       timestamptz   NOT NULL
);
CREATE INDEX circuit_breaker_events_time ON circuit_breaker_events (created_at DESC);

CREATE TABLE kill_switch_events (
    id              bigserial PRIMARY KEY,
    event           text          NOT NULL,
    mode            text          CHECK (mode IN ('HALT_ONLY', 'CLOSE_POSITIONS')),
    is_activation   boolean       NOT NULL,
    reason          text,
    trigger_source  text          NOT NULL,
    trigger_user    text          NOT NULL,
    details         jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz   NOT NULL
);
CREATE INDEX kill_switch_events_time ON kill_switch_events (created_at DESC);

-- Seed 004's position summary: one row per snapshot of the book.
CREATE TABLE portfolio_snapshots (
    id              bigserial PRIMARY KEY,
    positions       jsonb         NOT NULL,
    equity          numeric(28,8),
    realized_pnl    numeric(28,8),
    unrealized_pnl  numeric(28,8),
    created_at      timestamptz   NOT NULL
);
