-- Issue 9: a 派单 step says to whom it was assigned ({kind, id, name}, as reports.assignee), so the
-- timeline can show "派给 孙丽". NULL on every other step and on steps recorded before.
ALTER TABLE report_events ADD COLUMN assignee jsonb;
