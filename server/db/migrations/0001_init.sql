-- Linli reference server: communities, people, sessions, photos and the report handling loop.
-- PostgreSQL 15 compatible (also runs on PGlite). Ids are made by the server (random, prefixed);
-- id columns use the "C" collation so keyset order is the same on every installation.

CREATE TABLE communities (
  id            text COLLATE "C" PRIMARY KEY,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('community', 'village')),
  district      text NOT NULL,
  -- Report numbers: <prefix>-<yyyymmdd>-<seq>, one counter per community (no gaps: bumped in the
  -- transaction that creates the report).
  report_prefix text NOT NULL,
  report_seq    integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grids (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  name         text NOT NULL,
  position     integer NOT NULL
);

CREATE TABLE buildings (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  grid_id      text NOT NULL REFERENCES grids (id),
  name         text NOT NULL,
  rooms        text[] NOT NULL DEFAULT '{}',
  position     integer NOT NULL
);

CREATE TABLE departments (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  name         text NOT NULL,
  position     integer NOT NULL
);

CREATE TABLE categories (
  id                text COLLATE "C" PRIMARY KEY,
  community_id      text NOT NULL REFERENCES communities (id),
  name              text NOT NULL,
  guidance          text NOT NULL DEFAULT '',
  deadline_hours    double precision NOT NULL CHECK (deadline_hours > 0),
  emergency_phone   text,
  emergency_message text,
  position          integer NOT NULL
);

CREATE TABLE users (
  id                 text COLLATE "C" PRIMARY KEY,
  community_id       text NOT NULL REFERENCES communities (id),
  name               text NOT NULL,
  -- The full number never leaves the server; answers carry it masked.
  phone              text NOT NULL DEFAULT '',
  roles              text[] NOT NULL,
  home_building_id   text REFERENCES buildings (id),
  home_room          text,
  grid_ids           text[] NOT NULL DEFAULT '{}',
  leads_building_ids text[] NOT NULL DEFAULT '{}',
  description        text NOT NULL DEFAULT '',
  -- Offered on the sign-in screen of a demo server.
  demo               boolean NOT NULL DEFAULT false,
  -- WeChat mini-program identity (code2Session); the session_key is never stored.
  wechat_openid      text UNIQUE,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_community ON users (community_id);

CREATE TABLE sessions (
  -- sha256 of the bearer token: a leaked table does not leak sessions.
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE photos (
  -- Unguessable: the id is the capability to fetch the image (mini-program <image> cannot send headers).
  id           text COLLATE "C" PRIMARY KEY,
  owner_id     text NOT NULL REFERENCES users (id),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes        integer NOT NULL,
  width        integer,
  height       integer,
  created_at   timestamptz NOT NULL
);
CREATE INDEX photos_owner ON photos (owner_id);

CREATE TABLE reports (
  id             text COLLATE "C" PRIMARY KEY,
  number         text NOT NULL UNIQUE,
  community_id   text NOT NULL REFERENCES communities (id),
  grid_id        text NOT NULL REFERENCES grids (id),
  building_id    text REFERENCES buildings (id),
  category_id    text NOT NULL REFERENCES categories (id),
  category_name  text NOT NULL,
  description    text NOT NULL,
  photo_ids      text[] NOT NULL DEFAULT '{}',
  location       jsonb NOT NULL,
  anonymous      boolean NOT NULL,
  reporter_id    text NOT NULL REFERENCES users (id),
  reporter_name  text NOT NULL,
  filed_by_id    text REFERENCES users (id),
  filed_by_name  text,
  status         text NOT NULL CHECK (status IN ('submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'transferred', 'reopened', 'merged')),
  assignee       jsonb,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  accepted_at    timestamptz,
  resolved_at    timestamptz,
  deadline_at    timestamptz NOT NULL,
  escalated      boolean NOT NULL DEFAULT false,
  rating         jsonb,
  merged_into_id text REFERENCES reports (id),
  reopen_count   integer NOT NULL DEFAULT 0,
  me_too_count   integer NOT NULL DEFAULT 0,
  version        integer NOT NULL DEFAULT 1
);
-- Keyset pages: my reports, and a community's reports, newest first.
CREATE INDEX reports_reporter_created ON reports (reporter_id, created_at DESC, id DESC);
CREATE INDEX reports_community_created ON reports (community_id, created_at DESC, id DESC);
CREATE INDEX reports_grid ON reports (grid_id);

CREATE TABLE report_events (
  id          text COLLATE "C" PRIMARY KEY,
  -- Insertion order breaks ties between steps recorded at the same instant.
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  report_id   text NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  actor_role  text NOT NULL,
  at          timestamptz NOT NULL,
  note        text,
  photo_ids   text[] NOT NULL DEFAULT '{}',
  public      boolean NOT NULL
);
CREATE INDEX report_events_report ON report_events (report_id, at, seq);

CREATE TABLE idempotency_keys (
  user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key         text NOT NULL,
  fingerprint text NOT NULL,
  report_id   text NOT NULL,
  created_at  timestamptz NOT NULL,
  -- One report per caller and key: concurrent retries wait on this row and then see it.
  PRIMARY KEY (user_id, key)
);

CREATE TABLE me_too (
  report_id  text NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, user_id)
);

CREATE TABLE reply_templates (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  title        text NOT NULL,
  body         text NOT NULL,
  position     integer NOT NULL
);
