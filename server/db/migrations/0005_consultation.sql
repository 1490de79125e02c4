-- Issue 11: conventions (社区公约 / 村规民约 / 微公约) with versions and households' 承诺遵守,
-- proposals (民事民提) with co-signs by household, deliberation (民事民议), votes (民事民决) with a
-- roll and secret ballots, evaluation (民事民评), and disclosures (村务公开).
-- PostgreSQL 15 compatible (also runs on PGlite).
--
-- A household is (building_id, room): what is one per household (co-signs, acknowledgements,
-- ballot receipts, ratings) has it in its primary key, so two members racing leave one row.
-- A proposal and a draft name their vote, and a vote its proposal or convention: foreign keys both
-- ways (added once both tables exist). A proposal's article and merge target are checked by the
-- services.

-- ── settings ────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE consultation_settings (
  community_id         text COLLATE "C" PRIMARY KEY REFERENCES communities (id),
  proposal_threshold   integer NOT NULL CHECK (proposal_threshold >= 1),
  proposal_window_days integer NOT NULL CHECK (proposal_window_days >= 1),
  updated_at           timestamptz NOT NULL
);

-- ── idempotent creation ─────────────────────────────────────────────────────────────────────────
-- One object per caller, kind and key: concurrent retries wait on this row and then see it.
CREATE TABLE write_keys (
  user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('proposal', 'contribution', 'vote', 'disclosure', 'minutes', 'progress', 'convention')),
  key         text NOT NULL,
  fingerprint text NOT NULL,
  object_id   text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, kind, key)
);
CREATE INDEX write_keys_created ON write_keys (created_at);

-- ── conventions ─────────────────────────────────────────────────────────────────────────────────
CREATE TABLE conventions (
  id              text COLLATE "C" PRIMARY KEY,
  community_id    text NOT NULL REFERENCES communities (id),
  kind            text NOT NULL CHECK (kind IN ('community', 'village', 'building')),
  -- 微公约: its buildings in the order given; empty for the community's conventions.
  building_ids    text[] NOT NULL DEFAULT '{}',
  title           text NOT NULL,
  created_at      timestamptz NOT NULL,
  created_by_id   text NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  CHECK ((kind = 'building') = (cardinality(building_ids) > 0))
);
CREATE INDEX conventions_community ON conventions (community_id, created_at, id);
CREATE INDEX conventions_created_by ON conventions (created_by_id);

CREATE TABLE convention_versions (
  convention_id   text COLLATE "C" NOT NULL REFERENCES conventions (id) ON DELETE CASCADE,
  version         integer NOT NULL CHECK (version >= 1),
  status          text NOT NULL CHECK (status IN ('draft', 'published', 'rejected')),
  -- [{ id, number, title, text }] in reading order.
  articles        jsonb NOT NULL,
  change_note     text NOT NULL,
  effective_from  timestamptz,
  vote_id         text COLLATE "C",
  created_at      timestamptz NOT NULL,
  created_by_name text NOT NULL,
  PRIMARY KEY (convention_id, version),
  CHECK (jsonb_typeof(articles) = 'array')
);

CREATE TABLE convention_acknowledgements (
  convention_id text COLLATE "C" NOT NULL,
  version       integer NOT NULL,
  building_id   text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room          text COLLATE "C" NOT NULL,
  user_id       text NOT NULL REFERENCES users (id),
  user_name     text NOT NULL,
  at            timestamptz NOT NULL,
  -- One per household and version: the first stands.
  PRIMARY KEY (convention_id, version, building_id, room),
  FOREIGN KEY (convention_id, version) REFERENCES convention_versions (convention_id, version) ON DELETE CASCADE
);
CREATE INDEX convention_acknowledgements_user ON convention_acknowledgements (user_id);

-- ── proposals ───────────────────────────────────────────────────────────────────────────────────
CREATE TABLE proposals (
  id                    text COLLATE "C" PRIMARY KEY,
  community_id          text NOT NULL REFERENCES communities (id),
  author_id             text NOT NULL REFERENCES users (id),
  author_name           text NOT NULL,
  -- The author's household when they raised it (its co-signs are refused), and its building's name.
  author_building_id    text COLLATE "C" NOT NULL REFERENCES buildings (id),
  author_room           text COLLATE "C" NOT NULL,
  author_building_name  text NOT NULL,
  title                 text NOT NULL,
  body                  text NOT NULL,
  photo_ids             text[] NOT NULL DEFAULT '{}',
  -- The convention article it would change, with the wording proposed (all three or none).
  article_convention_id text COLLATE "C",
  article_id            text COLLATE "C",
  article_text          text,
  -- The community's settings when it was raised.
  threshold             integer NOT NULL CHECK (threshold >= 1),
  deadline              timestamptz NOT NULL,
  status                text NOT NULL CHECK (status IN ('collecting', 'agenda', 'declined', 'merged', 'voting', 'adopted', 'not_adopted', 'done')),
  -- Staff's answer (列入议程 / 不予采纳 / 合并): kind, reason, at and by together, or none.
  answer_kind           text CHECK (answer_kind IN ('agenda', 'declined', 'merged')),
  answer_reason         text,
  answer_merged_into_id text COLLATE "C",
  answer_at             timestamptz,
  answer_by_id          text REFERENCES users (id),
  answer_by_name        text,
  vote_id               text COLLATE "C",
  responsible           text,
  created_at            timestamptz NOT NULL,
  CHECK ((article_convention_id IS NULL) = (article_id IS NULL) AND (article_id IS NULL) = (article_text IS NULL)),
  CHECK ((answer_kind IS NULL) = (answer_reason IS NULL) AND (answer_kind IS NULL) = (answer_at IS NULL)
     AND (answer_kind IS NULL) = (answer_by_id IS NULL) AND (answer_kind IS NULL) = (answer_by_name IS NULL))
);
-- Keyset pages newest first: the community's, by status, unanswered (staff's list), an author's.
CREATE INDEX proposals_community ON proposals (community_id, created_at DESC, id DESC);
CREATE INDEX proposals_status ON proposals (community_id, status, created_at DESC, id DESC);
CREATE INDEX proposals_unanswered ON proposals (community_id, created_at DESC, id DESC) WHERE answer_kind IS NULL;
CREATE INDEX proposals_author ON proposals (author_id, created_at DESC, id DESC);
CREATE INDEX proposals_answer_by ON proposals (answer_by_id) WHERE answer_by_id IS NOT NULL;

CREATE TABLE proposal_cosigns (
  proposal_id text COLLATE "C" NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  building_id text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room        text COLLATE "C" NOT NULL,
  user_id     text NOT NULL REFERENCES users (id),
  at          timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, building_id, room)
);
CREATE INDEX proposal_cosigns_user ON proposal_cosigns (user_id);

-- 会议纪要 of the meeting that discussed it, and 落实进展 of an adopted decision.
CREATE TABLE proposal_minutes (
  id          text COLLATE "C" PRIMARY KEY,
  proposal_id text COLLATE "C" NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  text        text NOT NULL,
  photo_ids   text[] NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL,
  by_id       text NOT NULL REFERENCES users (id),
  by_name     text NOT NULL
);
CREATE INDEX proposal_minutes_proposal ON proposal_minutes (proposal_id, at, id);
CREATE INDEX proposal_minutes_by ON proposal_minutes (by_id);

CREATE TABLE proposal_progress (
  id          text COLLATE "C" PRIMARY KEY,
  proposal_id text COLLATE "C" NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  percent     integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  text        text NOT NULL,
  photo_ids   text[] NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL,
  by_id       text NOT NULL REFERENCES users (id),
  by_name     text NOT NULL
);
CREATE INDEX proposal_progress_proposal ON proposal_progress (proposal_id, at, id);
CREATE INDEX proposal_progress_by ON proposal_progress (by_id);

CREATE TABLE proposal_ratings (
  proposal_id text COLLATE "C" NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  building_id text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room        text COLLATE "C" NOT NULL,
  user_id     text NOT NULL REFERENCES users (id),
  user_name   text NOT NULL,
  level       text NOT NULL CHECK (level IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  comment     text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, building_id, room)
);
CREATE INDEX proposal_ratings_user ON proposal_ratings (user_id);

-- ── deliberation ────────────────────────────────────────────────────────────────────────────────
CREATE TABLE contributions (
  id             text COLLATE "C" PRIMARY KEY,
  community_id   text NOT NULL REFERENCES communities (id),
  -- `proposal:<id>`, `article:<convention id>:<article id>`, `disclosure:<id>` (subjectKey).
  subject_key    text COLLATE "C" NOT NULL,
  -- One level of replies: a reply's parent is a top-level contribution of the same discussion.
  parent_id      text COLLATE "C" REFERENCES contributions (id),
  author_id      text NOT NULL REFERENCES users (id),
  author_name    text NOT NULL,
  official       boolean NOT NULL DEFAULT false,
  stance         text CHECK (stance IN ('for', 'against', 'neutral')),
  body           text NOT NULL,
  -- Hidden by staff (违规): reason, by and at together, or none.
  hidden_reason  text,
  hidden_by_id   text REFERENCES users (id),
  hidden_by_name text,
  hidden_at      timestamptz,
  created_at     timestamptz NOT NULL,
  CHECK ((hidden_reason IS NULL) = (hidden_by_id IS NULL) AND (hidden_reason IS NULL) = (hidden_by_name IS NULL)
     AND (hidden_reason IS NULL) = (hidden_at IS NULL))
);
-- A discussion oldest first; counts of the visible ones by subject.
CREATE INDEX contributions_subject ON contributions (subject_key, created_at, id);
CREATE INDEX contributions_visible ON contributions (subject_key) WHERE hidden_reason IS NULL;
CREATE INDEX contributions_author ON contributions (author_id);
CREATE INDEX contributions_hidden_by ON contributions (hidden_by_id) WHERE hidden_by_id IS NOT NULL;

-- ── votes ───────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE votes (
  id                 text COLLATE "C" PRIMARY KEY,
  community_id       text NOT NULL REFERENCES communities (id),
  title              text NOT NULL,
  description        text NOT NULL DEFAULT '',
  kind               text NOT NULL CHECK (kind IN ('approval', 'choice')),
  -- [{ id, label }] in the order shown.
  options            jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array'),
  scope_kind         text NOT NULL CHECK (scope_kind IN ('community', 'buildings')),
  building_ids       text[] NOT NULL DEFAULT '{}',
  quorum_percent     integer NOT NULL CHECK (quorum_percent BETWEEN 1 AND 100),
  majority           text NOT NULL CHECK (majority IN ('simple', 'two_thirds')),
  publicity_days     integer NOT NULL CHECK (publicity_days >= 0),
  proposal_id        text COLLATE "C" REFERENCES proposals (id),
  convention_id      text COLLATE "C" REFERENCES conventions (id),
  convention_version integer,
  opens_at           timestamptz NOT NULL,
  closes_at          timestamptz NOT NULL,
  published_at       timestamptz,
  publicity_ends_at  timestamptz,
  created_at         timestamptz NOT NULL,
  created_by_id      text NOT NULL REFERENCES users (id),
  created_by_name    text NOT NULL,
  CHECK ((scope_kind = 'community') = (cardinality(building_ids) = 0)),
  CHECK ((convention_id IS NULL) = (convention_version IS NULL)),
  CHECK (closes_at > opens_at)
);
CREATE INDEX votes_community ON votes (community_id, created_at DESC, id DESC);
CREATE INDEX votes_open ON votes (community_id, closes_at, id) WHERE published_at IS NULL;
CREATE INDEX votes_created_by ON votes (created_by_id);
ALTER TABLE proposals ADD CONSTRAINT proposals_vote FOREIGN KEY (vote_id) REFERENCES votes (id);
ALTER TABLE convention_versions ADD CONSTRAINT convention_versions_vote FOREIGN KEY (vote_id) REFERENCES votes (id);

-- The households eligible when the vote opened, each once.
CREATE TABLE vote_roll (
  vote_id     text COLLATE "C" NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
  building_id text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room        text COLLATE "C" NOT NULL,
  PRIMARY KEY (vote_id, building_id, room)
);

-- That a household voted, by whom and how — never what: the choice is in vote_ballots.
CREATE TABLE vote_receipts (
  vote_id         text COLLATE "C" NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
  building_id     text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room            text COLLATE "C" NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('phone', 'paper')),
  -- The member who cast it (phone); a paper ballot has only the household's name as staff wrote it.
  cast_by_id      text REFERENCES users (id),
  cast_by_name    text NOT NULL,
  -- Paper ballots: the staff member who entered it.
  entered_by_id   text REFERENCES users (id),
  entered_by_name text,
  at              timestamptz NOT NULL,
  PRIMARY KEY (vote_id, building_id, room)
);
CREATE INDEX vote_receipts_cast_by ON vote_receipts (cast_by_id) WHERE cast_by_id IS NOT NULL;
CREATE INDEX vote_receipts_entered_by ON vote_receipts (entered_by_id) WHERE entered_by_id IS NOT NULL;

-- The secret part of a ballot: the vote and the option, nothing else — no household, no person,
-- no time; the id is random, so not even the order of ids joins a choice to a receipt.
CREATE TABLE vote_ballots (
  id        text COLLATE "C" PRIMARY KEY,
  vote_id   text COLLATE "C" NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
  option_id text COLLATE "C" NOT NULL
);
CREATE INDEX vote_ballots_tally ON vote_ballots (vote_id, option_id);

-- ── disclosures ─────────────────────────────────────────────────────────────────────────────────
CREATE TABLE disclosures (
  id             text COLLATE "C" PRIMARY KEY,
  community_id   text NOT NULL REFERENCES communities (id),
  category       text NOT NULL CHECK (category IN ('party', 'affairs', 'finance')),
  -- A month (1–12) or a quarter (1–4) of a year: exactly one of the two.
  period_year    integer NOT NULL,
  period_month   integer CHECK (period_month BETWEEN 1 AND 12),
  period_quarter integer CHECK (period_quarter BETWEEN 1 AND 4),
  title          text NOT NULL,
  body           text NOT NULL,
  photo_ids      text[] NOT NULL DEFAULT '{}',
  -- { items: [{ kind, name, amountFen }], totalIncomeFen, totalExpenseFen, openingBalanceFen?, closingBalanceFen? }
  finance        jsonb,
  published_at   timestamptz NOT NULL,
  author_id      text NOT NULL REFERENCES users (id),
  author_name    text NOT NULL,
  CHECK ((period_month IS NULL) <> (period_quarter IS NULL))
);
CREATE INDEX disclosures_community ON disclosures (community_id, published_at DESC, id DESC);
CREATE INDEX disclosures_category ON disclosures (community_id, category, published_at DESC, id DESC);
CREATE INDEX disclosures_author ON disclosures (author_id);

CREATE TABLE disclosure_reads (
  disclosure_id text COLLATE "C" NOT NULL REFERENCES disclosures (id) ON DELETE CASCADE,
  user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  read_at       timestamptz NOT NULL,
  PRIMARY KEY (disclosure_id, user_id)
);
CREATE INDEX disclosure_reads_user ON disclosure_reads (user_id);
