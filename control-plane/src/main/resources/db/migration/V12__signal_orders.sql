-- Signals become orders (issue 12): each recorded signal says which gateway order it produced (if any) and why
-- not otherwise (in_position, order_working, rejected:<code>, ...), so a signal, its order, the order's fills
-- (trades) and the artifact join up.
ALTER TABLE strategy_signals ADD COLUMN order_id uuid;
ALTER TABLE strategy_signals ADD COLUMN order_outcome text;
CREATE INDEX strategy_signals_order ON strategy_signals (order_id) WHERE order_id IS NOT NULL;
