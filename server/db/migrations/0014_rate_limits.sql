-- Issue 15, point 2 (ADR 30): the rate limits' windows, shared by every server process on one
-- PostgreSQL (server/rate-limit-store.ts; on PGlite, one process, the limits stay in memory and this
-- table stays empty). One row per limited route and person (or address before sign-in), counting
-- the requests of its current window; housekeeping removes the windows that ended.
-- UNLOGGED: no WAL for a counter bumped on every write request; a crash of PostgreSQL empties it,
-- which only gives everyone a fresh window.
CREATE UNLOGGED TABLE rate_limits (
  key          text COLLATE "C" PRIMARY KEY,
  hits         integer NOT NULL CHECK (hits > 0),
  window_start timestamptz NOT NULL,
  window_end   timestamptz NOT NULL
);
CREATE INDEX rate_limits_ended ON rate_limits (window_end);
