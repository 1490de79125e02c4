-- Issue 14, point 3 (ADR 27): partner systems (a district's city service-request system) that speak
-- Open311 GeoReport v2 to /open311/v2/. An admin issues each one a key for ONE community; only the
-- key's sha256 is kept (a leaked table does not leak keys). What a partner files is filed by its
-- system user (users.id, no roles, no phone, no home): the reporter every report needs, named
-- after the partner. PostgreSQL 15 compatible (also runs on PGlite).
CREATE TABLE open311_partners (
  id           text COLLATE "C" PRIMARY KEY,
  community_id text NOT NULL REFERENCES communities (id),
  name         text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  user_id      text NOT NULL UNIQUE REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX open311_partners_community ON open311_partners (community_id, created_at, id);
