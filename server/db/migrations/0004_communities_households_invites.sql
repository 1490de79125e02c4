-- Issue 10: many communities on one server, grouped by street office (街道); households claimed and
-- verified; staff, grid workers and building leaders joining by invitation; accounts that can be
-- deleted (PIPL). PostgreSQL 15 compatible (also runs on PGlite).

-- ── streets ─────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE streets (
  id         text COLLATE "C" PRIMARY KEY,
  name       text NOT NULL,
  district   text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district, name)
);

-- Communities created before streets existed get one street per district text.
INSERT INTO streets (id, name, district)
SELECT DISTINCT 's-' || substr(md5(district), 1, 12), district, district FROM communities;

ALTER TABLE communities
  ADD COLUMN street_id text REFERENCES streets (id),
  -- The community's own code (社区码): typed, or scanned as a mini-program code, to join it.
  ADD COLUMN join_code text;
UPDATE communities SET street_id = 's-' || substr(md5(district), 1, 12), join_code = upper(substr(md5(id), 1, 6));
ALTER TABLE communities ALTER COLUMN street_id SET NOT NULL, ALTER COLUMN join_code SET NOT NULL;
-- Typed in any case (findCommunityByCode compares upper case).
CREATE UNIQUE INDEX communities_join_code ON communities (upper(join_code));
CREATE UNIQUE INDEX communities_report_prefix ON communities (report_prefix);
CREATE UNIQUE INDEX communities_street_name ON communities (street_id, name);

-- ── structure: names are unique within a community (the importer matches rows by name) ─────────
-- Checked at the end of the transaction (DEFERRABLE constraints, not plain unique indexes): one
-- import may swap two rows' names, or rename a row and give its old name to a new one, and only
-- the structure it leaves behind has to be right.
ALTER TABLE grids ADD CONSTRAINT grids_community_name UNIQUE (community_id, name) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE buildings ADD CONSTRAINT buildings_community_name UNIQUE (community_id, name) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE departments ADD CONSTRAINT departments_community_name UNIQUE (community_id, name) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE categories ADD CONSTRAINT categories_community_name UNIQUE (community_id, name) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX reports_category ON reports (category_id);
CREATE INDEX reports_building ON reports (building_id) WHERE building_id IS NOT NULL;

-- ── people ──────────────────────────────────────────────────────────────────────────────────────
-- A person signed in with WeChat has no community until they pick one; a street officer serves a
-- street, not a community. `home_*` is the verified household only (a claim waits in
-- household_claims); `representative` marks the household's 户代表 (at most one per household).
ALTER TABLE users ALTER COLUMN community_id DROP NOT NULL;
ALTER TABLE users
  ADD COLUMN street_id      text REFERENCES streets (id),
  ADD COLUMN home_since     timestamptz,
  ADD COLUMN representative boolean NOT NULL DEFAULT false,
  -- Set when the person deleted their account: the row stays so governance records keep a
  -- reporter, but nothing personal is left in it.
  ADD COLUMN deleted_at     timestamptz;
UPDATE users SET home_since = created_at WHERE home_building_id IS NOT NULL;
-- Each household's first resident (as set up) is its representative, as createCommunity makes them.
UPDATE users u SET representative = true
WHERE u.home_building_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM users o
  WHERE o.home_building_id = u.home_building_id AND o.home_room = u.home_room AND (o.created_at, o.id) < (u.created_at, u.id)
);
CREATE INDEX users_household ON users (community_id, home_building_id, home_room) WHERE home_building_id IS NOT NULL;
CREATE UNIQUE INDEX users_one_representative ON users (home_building_id, home_room) WHERE representative;

CREATE TABLE household_claims (
  id              text COLLATE "C" PRIMARY KEY,
  community_id    text NOT NULL REFERENCES communities (id),
  user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  building_id     text NOT NULL REFERENCES buildings (id),
  room            text NOT NULL,
  -- As the person gave them; the full number never leaves the server.
  name            text NOT NULL,
  phone           text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'left', 'removed')),
  reason          text,
  created_at      timestamptz NOT NULL,
  decided_at      timestamptz,
  decided_by_id   text REFERENCES users (id) ON DELETE SET NULL,
  decided_by_name text
);
-- One claim waiting per person.
CREATE UNIQUE INDEX household_claims_one_pending ON household_claims (user_id) WHERE status = 'pending';
CREATE INDEX household_claims_review ON household_claims (community_id, status, created_at DESC, id DESC);
CREATE INDEX household_claims_user ON household_claims (user_id, created_at DESC);

-- ── invitations ─────────────────────────────────────────────────────────────────────────────────
CREATE TABLE invites (
  id              text COLLATE "C" PRIMARY KEY,
  community_id    text NOT NULL REFERENCES communities (id),
  code            text NOT NULL UNIQUE,
  -- street_staff: issued by the admin command from a community of the street; the officer serves the street.
  role            text NOT NULL CHECK (role IN ('staff', 'grid_worker', 'building_leader', 'admin', 'street_staff')),
  grid_ids        text[] NOT NULL DEFAULT '{}',
  building_ids    text[] NOT NULL DEFAULT '{}',
  note            text NOT NULL DEFAULT '',
  created_by_id   text REFERENCES users (id) ON DELETE SET NULL,
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  used_by_id      text REFERENCES users (id) ON DELETE SET NULL,
  used_by_name    text,
  used_at         timestamptz,
  cancelled_at    timestamptz
);
CREATE INDEX invites_community ON invites (community_id, created_at DESC, id DESC);

-- ── personal data (export and erasure read and rewrite a person's rows everywhere) ─────────────
CREATE INDEX report_events_actor ON report_events (actor_id);
CREATE INDEX messages_author ON messages (author_id);
CREATE INDEX notices_author ON notices (author_id, published_at DESC, id DESC);
CREATE INDEX me_too_user ON me_too (user_id);
CREATE INDEX invites_used_by ON invites (used_by_id) WHERE used_by_id IS NOT NULL;
