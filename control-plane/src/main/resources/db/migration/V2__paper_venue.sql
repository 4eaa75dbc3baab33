-- Paper venue (simulated Alpaca-compatible broker): its own schema, so its state never mixes with
-- Tripwire's order book. Money and quantities are NUMERIC; never floating point.

CREATE SCHEMA paper_venue;

-- The one paper account. Cash moves with every fill (buy: minus cost, sell: plus proceeds).
CREATE TABLE paper_venue.account (
    id              uuid          PRIMARY KEY,
    singleton       boolean       NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    account_number  text          NOT NULL,
    currency        text          NOT NULL DEFAULT 'USD',
    cash            NUMERIC(24,8) NOT NULL,
    starting_cash   NUMERIC(24,8) NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);

-- Orders, one row per order; a fill is booked on its order row (the venue fills orders whole).
-- Column names follow seed 004's paper_orders so its runbook SQL runs unchanged through the view below.
CREATE TABLE paper_venue.paper_orders (
    id               uuid          PRIMARY KEY,
    client_order_id  text          NOT NULL UNIQUE CHECK (length(client_order_id) BETWEEN 1 AND 128),
    symbol           text          NOT NULL,
    side             text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    order_type       text          NOT NULL CHECK (order_type IN ('MARKET', 'LIMIT')),
    time_in_force    text          NOT NULL CHECK (time_in_force IN ('day', 'gtc', 'ioc')),
    quantity         NUMERIC(24,9) CHECK (quantity > 0),           -- requested quantity; NULL for notional orders until filled
    notional         NUMERIC(24,8) CHECK (notional > 0),           -- requested notional (USD), market orders only
    limit_price      NUMERIC(24,8) CHECK (limit_price > 0),
    requested_price  NUMERIC(24,8),                                -- reference quote at fill: ask (buy) / bid (sell)
    fill_price       NUMERIC(24,8),
    filled_qty       NUMERIC(24,9) NOT NULL DEFAULT 0 CHECK (filled_qty >= 0),
    slippage         NUMERIC(24,8),                                -- |fill_price - requested_price| per unit, always adverse
    slippage_bps     NUMERIC(12,4),
    commission       NUMERIC(24,8) NOT NULL DEFAULT 0,
    status           text          NOT NULL CHECK (status IN ('new', 'accepted', 'partially_filled', 'filled',
                                                              'canceled', 'expired', 'rejected')),
    pnl              NUMERIC(24,8),                                -- realized P&L of this fill net of commission; NULL unfilled
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    submitted_at     timestamptz   NOT NULL,
    filled_at        timestamptz,
    canceled_at      timestamptz,
    expired_at       timestamptz,
    CHECK (quantity IS NOT NULL OR notional IS NOT NULL),
    CHECK (order_type = 'MARKET' OR limit_price IS NOT NULL)
);
CREATE INDEX paper_orders_open ON paper_venue.paper_orders (created_at) WHERE status IN ('new', 'accepted', 'partially_filled');
CREATE INDEX paper_orders_submitted ON paper_venue.paper_orders (submitted_at DESC);

-- Net position per symbol: qty > 0 long, < 0 short, 0 flat (row kept for the cumulative realized P&L).
CREATE TABLE paper_venue.positions (
    symbol           text          PRIMARY KEY,
    qty              NUMERIC(24,9) NOT NULL,
    avg_entry_price  NUMERIC(24,8) NOT NULL CHECK (avg_entry_price >= 0),
    realized_pnl     NUMERIC(24,8) NOT NULL DEFAULT 0,
    updated_at       timestamptz   NOT NULL
);

-- Where each symbol's simulated price walk stands, so a restart continues the same path.
CREATE TABLE paper_venue.market_state (
    symbol          text        PRIMARY KEY,
    seed            bigint      NOT NULL,
    step            bigint      NOT NULL CHECK (step >= 0),
    last_ticks      bigint      NOT NULL CHECK (last_ticks > 0),
    day_open_ticks  bigint      NOT NULL CHECK (day_open_ticks > 0),
    day             date        NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Seed 004's runbook queries name an unqualified paper_orders (SELECT * ... WHERE created_at > ...,
-- SUM(pnl)). Note: SELECT * is expanded when the view is created; a later column needs a new view.
CREATE VIEW public.paper_orders AS SELECT * FROM paper_venue.paper_orders;
