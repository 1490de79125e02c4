-- Issue 13: photos are checked asynchronously (WeChat's mediaCheckAsync when configured) and are
-- shown only to their owner and the community's staff and grid workers until they pass.
-- PostgreSQL 15 compatible (also runs on PGlite).
--
-- check_state: 'pending' until the checker's verdict, then 'pass' or 'reject' (a person may decide a
-- photo held for review). Photos uploaded before this migration were shown to everyone already:
-- they pass. check_trace_id: WeChat's trace_id of the verdict to come (its callback names it);
-- check_reason: the checker's label, or why it could not answer (never shown to residents);
-- checked_at: when the check last changed.
ALTER TABLE photos
  ADD COLUMN check_state    text NOT NULL DEFAULT 'pass' CHECK (check_state IN ('pending', 'pass', 'reject')),
  ADD COLUMN check_trace_id text COLLATE "C",
  ADD COLUMN check_reason   text,
  ADD COLUMN checked_at     timestamptz;
-- Every new photo says its state (the repository writes it): an insert that forgets it fails.
ALTER TABLE photos ALTER COLUMN check_state DROP DEFAULT;
CREATE UNIQUE INDEX photos_check_trace ON photos (check_trace_id) WHERE check_trace_id IS NOT NULL;
