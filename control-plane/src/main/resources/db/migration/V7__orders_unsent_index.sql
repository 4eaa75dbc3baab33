-- The gateway's submit sweeper takes the oldest NEW orders (SELECT … WHERE status = 'NEW' AND created_at < $1
-- ORDER BY created_at LIMIT n FOR UPDATE SKIP LOCKED). With only the open-orders index on status it read and
-- sorted every NEW order on each sweep, so a backlog made each sweep slower; this index reads only the oldest n.
CREATE INDEX orders_unsent ON orders (created_at) WHERE status = 'NEW';
