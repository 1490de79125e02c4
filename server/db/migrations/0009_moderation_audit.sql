-- Issue 13: content security and the audit log — texts others read (a report's public view,
-- messages, notices, proposals, contributions and questions) carry a moderation mark while the
-- content check holds them (or after a moderator refused them), the moderation queue of held texts
-- with each decision, and the audit log of staff actions that matter to residents.
-- PostgreSQL 15 compatible (also runs on PGlite).
--
-- A mark is (moderation_status, moderation_reason): NULL for a published text; 'held' (审核中:
-- its author and the community's moderators see it); 'rejected' with the moderator's reason
-- (未通过审核: its author only). Lists that others read add `moderation_status IS NULL`.

-- ── moderation marks ────────────────────────────────────────────────────────────────────────────
ALTER TABLE reports
  ADD COLUMN moderation_status text CHECK (moderation_status IN ('held', 'rejected')),
  ADD COLUMN moderation_reason text,
  ADD CONSTRAINT reports_moderation CHECK ((moderation_status IS NOT DISTINCT FROM 'rejected') = (moderation_reason IS NOT NULL));
ALTER TABLE messages
  ADD COLUMN moderation_status text CHECK (moderation_status IN ('held', 'rejected')),
  ADD COLUMN moderation_reason text,
  ADD CONSTRAINT messages_moderation CHECK ((moderation_status IS NOT DISTINCT FROM 'rejected') = (moderation_reason IS NOT NULL));
ALTER TABLE notices
  ADD COLUMN moderation_status text CHECK (moderation_status IN ('held', 'rejected')),
  ADD COLUMN moderation_reason text,
  ADD CONSTRAINT notices_moderation CHECK ((moderation_status IS NOT DISTINCT FROM 'rejected') = (moderation_reason IS NOT NULL));
ALTER TABLE proposals
  ADD COLUMN moderation_status text CHECK (moderation_status IN ('held', 'rejected')),
  ADD COLUMN moderation_reason text,
  ADD CONSTRAINT proposals_moderation CHECK ((moderation_status IS NOT DISTINCT FROM 'rejected') = (moderation_reason IS NOT NULL));
ALTER TABLE contributions
  ADD COLUMN moderation_status text CHECK (moderation_status IN ('held', 'rejected')),
  ADD COLUMN moderation_reason text,
  ADD CONSTRAINT contributions_moderation CHECK ((moderation_status IS NOT DISTINCT FROM 'rejected') = (moderation_reason IS NOT NULL));
-- The counts of discussions read only the visible, published contributions.
DROP INDEX contributions_visible;
CREATE INDEX contributions_visible ON contributions (subject_key) WHERE hidden_reason IS NULL AND moderation_status IS NULL;

-- ── the moderation queue ────────────────────────────────────────────────────────────────────────
CREATE TABLE moderation_items (
  id             text COLLATE "C" PRIMARY KEY,
  community_id   text NOT NULL REFERENCES communities (id),
  kind           text NOT NULL CHECK (kind IN ('report', 'message', 'notice', 'proposal', 'contribution', 'question')),
  -- The held text (in the table of its kind), and where it is: a message's thread, a contribution's subject key.
  subject_id     text COLLATE "C" NOT NULL,
  context        text COLLATE "C",
  -- The author's name is read from users (an erased account's is anonymous there).
  author_id      text NOT NULL REFERENCES users (id),
  -- What others would read, as it was checked; the checker's label (never shown).
  text           text NOT NULL,
  checker_reason text NOT NULL,
  status         text NOT NULL CHECK (status IN ('held', 'approved', 'rejected')),
  created_at     timestamptz NOT NULL,
  -- Decided: at and by together; a refusal also has its reason.
  decided_at     timestamptz,
  decided_by_id  text REFERENCES users (id),
  reason         text,
  CHECK ((status = 'held') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by_id IS NULL)),
  CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
-- The queue: a community's held items, oldest first.
CREATE INDEX moderation_items_held ON moderation_items (community_id, created_at, id) WHERE status = 'held';
CREATE INDEX moderation_items_subject ON moderation_items (kind, subject_id);
CREATE INDEX moderation_items_author ON moderation_items (author_id);
CREATE INDEX moderation_items_decided_by ON moderation_items (decided_by_id) WHERE decided_by_id IS NOT NULL;

-- ── the audit log ───────────────────────────────────────────────────────────────────────────────
-- Staff actions that matter to residents: `<subject>.<what>` (report.reject, contribution.hide,
-- vote.paper_ballot, moderation.approve, role.revoke …; phone.reveal later, with no migration).
-- Names are read from users. Append-only: the trigger below refuses every UPDATE and DELETE (and
-- TRUNCATE), whoever asks; the code has no path for either.
CREATE TABLE audit_events (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  at           timestamptz NOT NULL,
  actor_id     text NOT NULL REFERENCES users (id),
  actor_role   text NOT NULL CHECK (actor_role IN ('resident', 'building_leader', 'grid_worker', 'staff', 'admin', 'street_staff')),
  action       text COLLATE "C" NOT NULL CHECK (action ~ '^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$'),
  subject_kind text COLLATE "C" NOT NULL CHECK (subject_kind IN ('report', 'message', 'notice', 'proposal', 'contribution', 'vote', 'user')),
  subject_id   text COLLATE "C" NOT NULL,
  -- The person it concerns, when they have an account (a reporter, an author, whose role changed).
  concerns_id  text REFERENCES users (id),
  note         text,
  -- A few facts (statuses, a role, a household): small, never a ballot's choice.
  details      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 2000)
);
-- Newest first: a community's log, by action, by subject.
CREATE INDEX audit_events_community ON audit_events (community_id, at DESC, id DESC);
CREATE INDEX audit_events_action ON audit_events (community_id, action, at DESC, id DESC);
CREATE INDEX audit_events_subject ON audit_events (community_id, subject_kind, subject_id, at DESC, id DESC);
CREATE INDEX audit_events_actor ON audit_events (actor_id);
CREATE INDEX audit_events_concerns ON audit_events (concerns_id) WHERE concerns_id IS NOT NULL;

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
