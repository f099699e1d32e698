-- Custom SQL migration (Prisma's schema cannot express triggers, so no diff can generate this one).
-- Audit events are append-only for the application: an UPDATE is refused by the database itself.
-- Deleting stays possible (a workspace deletion cascades; GDPR erasure), and the per-workspace hash chain makes a
-- deleted or edited row visible to `audit:verify`.
CREATE FUNCTION "audit_event_refuse_update"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_event_append_only"
  BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_refuse_update"();
