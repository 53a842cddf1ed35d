-- The audit trail is append-only: ordinary UPDATE and DELETE are refused. Someone with the
-- rights to disable this trigger can still edit a row; the hash chain then reveals it
-- (npm run audit:verify).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
