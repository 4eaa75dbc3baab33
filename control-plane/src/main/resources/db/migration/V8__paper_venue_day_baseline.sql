-- Paper venue daily P&L baseline (issue #16): Alpaca's last_equity is the equity at the previous session's
-- close. It is snapshotted when the UTC day rolls (at the first booking of the new day, under the account
-- lock, before that booking: cash and positions are still those of the close, valued at the day's opening
-- price = the close) and persisted, so a restart mid-day keeps it. NULL until the first roll of an account
-- created before this migration. (V7 was used and dropped by ADR 0033.)
ALTER TABLE paper_venue.account
    ADD COLUMN last_equity     NUMERIC(24,8),
    ADD COLUMN last_equity_day date;
