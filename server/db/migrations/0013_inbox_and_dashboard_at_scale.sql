-- Issue 15, point 1 (ADR 29): every list and every figure costs the same at a million reports as at
-- ten thousand. PostgreSQL 15 compatible (also runs on PGlite).

-- The inbox's urgency, as far as it does not depend on the clock: 3 finished, 2 resolved (waiting on
-- the resident), 0 being redone (居民不满意), 1 other open. At a given instant an open report of class 1
-- whose deadline has passed ranks with class 0 (domain/inbox.ts, inboxRank) — the query splits class 1
-- at that instant, so each part is one range of the index below, read in order.
ALTER TABLE reports ADD COLUMN inbox_class smallint GENERATED ALWAYS AS (
  CASE
    WHEN status IN ('closed', 'rejected', 'merged') THEN 3
    WHEN status = 'resolved' THEN 2
    WHEN status = 'reopened' OR reopen_count > 0 THEN 0
    ELSE 1
  END
) STORED;
-- A community's inbox (staff), and a grid's (grid workers, one branch per grid), in inbox order.
CREATE INDEX reports_inbox ON reports (community_id, inbox_class, deadline_at, created_at, id);
CREATE INDEX reports_grid_inbox ON reports (grid_id, inbox_class, deadline_at, created_at, id);
DROP INDEX reports_grid;
-- A grid lies in one community: without this the planner takes `grid_id = … AND community_id = …` for
-- independent conditions, underestimates a grid's rows tenfold and sorts them all instead of reading
-- the index in order.
CREATE STATISTICS reports_grid_community (dependencies) ON grid_id, community_id FROM reports;

-- The dashboard's daily series of resolutions reads one community's resolve steps by time; a step
-- names its report's community (set on insert: a report never changes community).
ALTER TABLE report_events ADD COLUMN community_id text;
UPDATE report_events e SET community_id = r.community_id FROM reports r WHERE r.id = e.report_id;
CREATE FUNCTION report_events_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.community_id IS NULL THEN
    NEW.community_id := (SELECT community_id FROM reports WHERE id = NEW.report_id);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER report_events_set_community BEFORE INSERT ON report_events
  FOR EACH ROW EXECUTE FUNCTION report_events_community();
CREATE INDEX report_events_community_resolves ON report_events (community_id, at) WHERE action = 'resolve';
DROP INDEX report_events_action_at;
