-- Issue 13: secrets the server makes for itself once, shared by every process on the database — the
-- key of signed photo URLs (ADR 0019) when LINLI_PHOTO_SECRET is not set.
-- PostgreSQL 15 compatible (also runs on PGlite).

CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
