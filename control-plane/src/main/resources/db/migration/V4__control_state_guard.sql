-- The truth of control state is never deleted: a lifted quarantine is a NULL value, not a missing row.
-- Without this, deleting rows could make a later start believe the database is brand-new.
CREATE FUNCTION control_state_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'control_state rows are never deleted (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER control_state_no_delete BEFORE DELETE ON control_state FOR EACH ROW EXECUTE FUNCTION control_state_refuse_delete();
CREATE TRIGGER control_state_no_truncate BEFORE TRUNCATE ON control_state FOR EACH STATEMENT EXECUTE FUNCTION control_state_refuse_delete();
CREATE TRIGGER control_events_no_change BEFORE UPDATE OR DELETE ON control_events FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER control_events_no_truncate BEFORE TRUNCATE ON control_events FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
