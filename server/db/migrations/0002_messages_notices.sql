-- Issue 4: messages (留言/回复), notices and building broadcasts (通知公告) with read receipts, and
-- 代报 (a report filed for a neighbour's household). PostgreSQL 15 compatible (also runs on PGlite).

-- ── 代报 ────────────────────────────────────────────────────────────────────────────────────────
-- A report filed for a household has no reporter account of its own (NULL): the residents living
-- at the beneficiary's building and room count as its reporter (permissions.isReporter), even if
-- they sign up after it was filed. Only the masked phone is kept.
ALTER TABLE reports ALTER COLUMN reporter_id DROP NOT NULL;
ALTER TABLE reports
  ADD COLUMN beneficiary_building_id  text REFERENCES buildings (id),
  ADD COLUMN beneficiary_room         text,
  ADD COLUMN beneficiary_name         text,
  ADD COLUMN beneficiary_phone_masked text,
  ADD CONSTRAINT reports_beneficiary_complete CHECK ((beneficiary_building_id IS NULL) = (beneficiary_room IS NULL)),
  ADD CONSTRAINT reports_reporter_or_beneficiary CHECK (reporter_id IS NOT NULL OR beneficiary_building_id IS NOT NULL);
CREATE INDEX reports_beneficiary ON reports (beneficiary_building_id, beneficiary_room, created_at DESC, id DESC)
  WHERE beneficiary_building_id IS NOT NULL;
CREATE INDEX reports_filed_by ON reports (filed_by_id, created_at DESC, id DESC) WHERE filed_by_id IS NOT NULL;
-- The dashboard reads a community's resolutions by time.
CREATE INDEX report_events_action_at ON report_events (action, at);

-- ── messages ────────────────────────────────────────────────────────────────────────────────────
-- A thread is `report:<report id>` (the report's reporter, filer and handlers) or
-- `general:<user id>` (a resident and the staff of their community). A thread exists once it has a
-- message; `seq` orders messages and marks how far a reader has read.
CREATE TABLE messages (
  id           text COLLATE "C" PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  thread_id    text COLLATE "C" NOT NULL,
  community_id text NOT NULL REFERENCES communities (id),
  report_id    text REFERENCES reports (id) ON DELETE CASCADE,
  owner_id     text REFERENCES users (id) ON DELETE CASCADE,
  author_id    text NOT NULL REFERENCES users (id),
  author_name  text NOT NULL,
  author_role  text NOT NULL,
  body         text NOT NULL,
  at           timestamptz NOT NULL,
  CHECK ((report_id IS NULL) <> (owner_id IS NULL))
);
CREATE INDEX messages_thread ON messages (thread_id, seq);
CREATE INDEX messages_community ON messages (community_id, thread_id);

CREATE TABLE thread_reads (
  user_id   text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  thread_id text COLLATE "C" NOT NULL,
  -- The last message (seq) the user had seen when they opened the thread.
  last_seq  bigint NOT NULL,
  read_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, thread_id)
);

-- ── notices ─────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE notices (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  -- 'community': everyone; 'buildings': the residents (and leaders) of building_ids.
  scope_kind   text NOT NULL CHECK (scope_kind IN ('community', 'buildings')),
  building_ids text[] NOT NULL DEFAULT '{}',
  title        text NOT NULL,
  body         text NOT NULL,
  urgent       boolean NOT NULL DEFAULT false,
  pinned       boolean NOT NULL DEFAULT false,
  expires_at   timestamptz,
  published_at timestamptz NOT NULL,
  author_id    text NOT NULL REFERENCES users (id),
  author_name  text NOT NULL,
  CHECK ((scope_kind = 'community') = (cardinality(building_ids) = 0))
);
-- Pages in the domain's order (compareNotices): pinned, urgent, newest.
CREATE INDEX notices_order ON notices (community_id, pinned DESC, urgent DESC, published_at DESC, id DESC);
CREATE INDEX notices_buildings ON notices USING gin (building_ids);

CREATE TABLE notice_reads (
  notice_id text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  user_id   text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  read_at   timestamptz NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX notice_reads_user ON notice_reads (user_id);
