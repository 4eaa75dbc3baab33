-- Manual desk (issue #13, seed 002): NO DATA / NO RECONCILE / NO CONFIRM / NO TRADE. The desk's own books
-- (a broker without an API, executed by hand) are kept apart from the gateway's `positions`, which mirror
-- the paper/Alpaca venue and are aligned to it by the reconciler. Every run leaves one desk_runs row.

CREATE TABLE desk_runs (
    run_id        text          PRIMARY KEY,
    kind          text          NOT NULL CHECK (kind IN ('OPS', 'RUN_0800', 'RECONCILE', 'RUN_1400', 'CONFIRM', 'CONFIRM_FILLS')),
    asof_date     date          NOT NULL,
    actor         text          NOT NULL,
    gate_open     boolean       NOT NULL,
    reasons       jsonb         NOT NULL DEFAULT '[]'::jsonb,   -- gate reasons after the run (TradingGateReason names)
    outcome       text          NOT NULL,                       -- e.g. DATA_QUALITY_PASS, RECONCILIATION_FAIL, NO_TRADE
    ticket_id     text,
    summary_path  text,
    started_at    timestamptz   NOT NULL,
    finished_at   timestamptz   NOT NULL
);
CREATE INDEX desk_runs_time ON desk_runs (started_at DESC);

-- One data-quality report per 08:00/ops run: universe coverage, missing / duplicate / stale bars, OHLC sanity.
CREATE TABLE desk_data_quality_reports (
    id            bigserial     PRIMARY KEY,
    run_id        text          NOT NULL UNIQUE REFERENCES desk_runs (run_id),
    asof_date     date          NOT NULL,
    passed        boolean       NOT NULL,
    coverage_pct  numeric(7,3)  NOT NULL,
    issues        jsonb         NOT NULL,        -- [{symbol, check, detail}]
    closes        jsonb         NOT NULL,        -- {SYMBOL: last close} the ticket prices from
    created_at    timestamptz   NOT NULL
);
CREATE INDEX desk_dq_asof ON desk_data_quality_reports (asof_date, id DESC);

-- Broker snapshots as a person read them off the broker's screen, and their reconciliation with the ledger.
CREATE TABLE desk_reconciliation_snapshots (
    id             bigserial     PRIMARY KEY,
    snapshot_date  date          NOT NULL,
    cash           numeric(28,8) NOT NULL,
    positions      jsonb         NOT NULL,       -- {SYMBOL: units}
    notes          text,
    recorded_by    text          NOT NULL,
    created_at     timestamptz   NOT NULL
);

CREATE TABLE desk_reconciliation_results (
    id             bigserial     PRIMARY KEY,
    run_id         text          NOT NULL UNIQUE REFERENCES desk_runs (run_id),
    snapshot_id    bigint        NOT NULL REFERENCES desk_reconciliation_snapshots (id),
    snapshot_date  date          NOT NULL,
    passed         boolean       NOT NULL,
    cash_diff      numeric(28,8) NOT NULL,
    max_units_diff numeric(28,8) NOT NULL,
    issues         jsonb         NOT NULL,       -- [{symbol, check, ledger, snapshot, diff}]
    report_path    text,
    created_at     timestamptz   NOT NULL
);
CREATE INDEX desk_recon_date ON desk_reconciliation_results (snapshot_date, id DESC);

-- Tickets: one per 14:00 run; the same inputs give the same bytes, hash and ticket_id (re-runs share the row).
CREATE TABLE desk_tickets (
    ticket_id     text          PRIMARY KEY,
    asof_date     date          NOT NULL,
    ticket_type   text          NOT NULL CHECK (ticket_type IN ('TRADE', 'NO_TRADE')),
    sha256        text          NOT NULL,
    rendered_json text          NOT NULL,
    rendered_md   text          NOT NULL,
    first_run_id  text          NOT NULL REFERENCES desk_runs (run_id),
    created_at    timestamptz   NOT NULL
);
CREATE INDEX desk_tickets_asof ON desk_tickets (asof_date DESC, created_at DESC);

CREATE TABLE desk_ticket_lines (
    ticket_id        text          NOT NULL REFERENCES desk_tickets (ticket_id),
    sequence         int           NOT NULL,
    symbol           text          NOT NULL,
    side             text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    units            numeric(28,8) NOT NULL CHECK (units > 0),
    limit_price      numeric(28,8) NOT NULL CHECK (limit_price > 0),
    max_slippage_bps int           NOT NULL,
    PRIMARY KEY (ticket_id, sequence)
);

-- What the person did: an ACK of a NO_TRADE ticket, or fills of a TRADE ticket (one row per line).
CREATE TABLE desk_confirmations (
    id            bigserial     PRIMARY KEY,
    ticket_id     text          NOT NULL REFERENCES desk_tickets (ticket_id),
    kind          text          NOT NULL CHECK (kind IN ('ACK_NO_TRADE', 'FILLS')),
    payload_sha256 text         NOT NULL,
    payload       jsonb         NOT NULL,
    confirmed_by  text          NOT NULL,
    created_at    timestamptz   NOT NULL,
    UNIQUE (ticket_id, kind, payload_sha256)
);

CREATE TABLE desk_fills (
    ticket_id       text          NOT NULL,
    sequence        int           NOT NULL,
    symbol          text          NOT NULL,
    side            text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    executed_status text          NOT NULL CHECK (executed_status IN ('DONE', 'SKIPPED', 'FAILED', 'PARTIAL')),
    units           numeric(28,8) NOT NULL CHECK (units >= 0),
    price           numeric(28,8),
    confirmation_id bigint        NOT NULL REFERENCES desk_confirmations (id),
    created_at      timestamptz   NOT NULL,
    PRIMARY KEY (ticket_id, sequence),
    FOREIGN KEY (ticket_id, sequence) REFERENCES desk_ticket_lines (ticket_id, sequence)
);

-- The desk ledger: cash movements (deposits, withdrawals, fills) and unit movements (fills), append-only.
CREATE TABLE desk_ledger (
    id          bigserial     PRIMARY KEY,
    source      text          NOT NULL CHECK (source IN ('CASH', 'FILL')),
    ref         text          NOT NULL UNIQUE,         -- idempotency: cash:<uuid> or fill:<ticket>:<sequence>
    symbol      text,
    units_delta numeric(28,8) NOT NULL DEFAULT 0,
    cash_delta  numeric(28,8) NOT NULL DEFAULT 0,
    price       numeric(28,8),
    notes       text,
    actor       text          NOT NULL,
    created_at  timestamptz   NOT NULL
);
CREATE OR REPLACE FUNCTION desk_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'desk_ledger is append-only';
END;
$$;
CREATE TRIGGER desk_ledger_append_only BEFORE UPDATE OR DELETE ON desk_ledger
    FOR EACH ROW EXECUTE FUNCTION desk_ledger_append_only();

CREATE VIEW desk_positions_current AS
SELECT symbol, sum(units_delta) AS units
FROM desk_ledger WHERE symbol IS NOT NULL GROUP BY symbol HAVING sum(units_delta) <> 0;

CREATE VIEW desk_cash_current AS
SELECT coalesce(sum(cash_delta), 0) AS cash FROM desk_ledger;

-- The desk's executed trades (seed 002 "trades"), as confirmed by hand.
CREATE VIEW desk_trades AS
SELECT f.ticket_id, f.sequence, f.symbol, f.side AS action, f.units AS quantity, f.price, f.executed_status, f.created_at
FROM desk_fills f WHERE f.executed_status IN ('DONE', 'PARTIAL');
