-- Issue 13: a photo the image check holds for a person (WeChat's review, or a checker that could
-- not answer) waits in its community's moderation queue like a held text; staff and admins pass or
-- reject it there, and the decision is an audit event about the photo.
-- PostgreSQL 15 compatible (also runs on PGlite).
ALTER TABLE moderation_items DROP CONSTRAINT moderation_items_kind_check;
ALTER TABLE moderation_items ADD CONSTRAINT moderation_items_kind_check
  CHECK (kind IN ('report', 'message', 'notice', 'proposal', 'contribution', 'question', 'photo'));

ALTER TABLE audit_events DROP CONSTRAINT audit_events_subject_kind_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_subject_kind_check
  CHECK (subject_kind IN ('report', 'message', 'notice', 'proposal', 'contribution', 'vote', 'user', 'photo'));
