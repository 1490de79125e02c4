-- Issue 12: service booking (便民服务预约) — services with their hours and rules, the tags staff give
-- households (who may book 上门服务), bookings with their history, the lock rows of slots, and
-- durable jobs (reminders, slot starts and ends) claimed with a lease.
-- PostgreSQL 15 compatible (also runs on PGlite).
--
-- Slots are computed from a service's hours, never stored; a slot is (service_id, starts_at). Its
-- row in booking_slots exists only to be locked (SELECT … FOR UPDATE) by every change to the slot,
-- so seat counts read after the lock are exact.

-- ── services ────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE services (
  id                    text COLLATE "C" PRIMARY KEY,
  community_id          text NOT NULL REFERENCES communities (id),
  -- Listed by name in code points, then id.
  name                  text COLLATE "C" NOT NULL,
  kind                  text NOT NULL CHECK (kind IN ('home_visit', 'legal', 'mediation', 'venue', 'errand', 'volunteer')),
  description           text NOT NULL,
  -- { kind: 'address', address } | { kind: 'home' }
  location              jsonb NOT NULL CHECK (jsonb_typeof(location) = 'object'),
  provider              text NOT NULL,
  duration_minutes      integer NOT NULL CHECK (duration_minutes >= 1),
  buffer_minutes        integer NOT NULL CHECK (buffer_minutes >= 0),
  capacity              integer NOT NULL CHECK (capacity >= 1),
  -- Household tags one of which a household needs; [] everyone.
  eligibility           jsonb NOT NULL CHECK (jsonb_typeof(eligibility) = 'array'),
  -- [{ id, label, kind, required, max? }] in the order asked.
  questions             jsonb NOT NULL CHECK (jsonb_typeof(questions) = 'array'),
  requires_confirmation boolean NOT NULL,
  -- { minNoticeMinutes, maxDaysAhead, householdLimit?: { count, period }, changeCutoffMinutes }
  rules                 jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  -- [{ weekday, start, end }] and [{ date, kind: 'closed' | 'extra', … }]
  hours                 jsonb NOT NULL CHECK (jsonb_typeof(hours) = 'array'),
  exceptions            jsonb NOT NULL CHECK (jsonb_typeof(exceptions) = 'array'),
  status                text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  updated_at            timestamptz NOT NULL,
  created_at            timestamptz NOT NULL,
  created_by_id         text NOT NULL REFERENCES users (id)
);
CREATE INDEX services_community ON services (community_id, name, id);
CREATE INDEX services_created_by ON services (created_by_id);

-- ── household tags ──────────────────────────────────────────────────────────────────────────────
-- 高龄 / 残疾 / 低保, as staff last saved them; a household without tags has no row.
CREATE TABLE household_tags (
  community_id  text COLLATE "C" NOT NULL REFERENCES communities (id),
  building_id   text COLLATE "C" NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
  room          text COLLATE "C" NOT NULL,
  -- In the order saved.
  tags          text[] NOT NULL CHECK (cardinality(tags) > 0 AND tags <@ ARRAY['elderly', 'disabled', 'low_income']::text[]),
  updated_at    timestamptz NOT NULL,
  updated_by_id text NOT NULL REFERENCES users (id),
  PRIMARY KEY (community_id, building_id, room)
);
CREATE INDEX household_tags_updated_by ON household_tags (updated_by_id);

-- ── slot locks ──────────────────────────────────────────────────────────────────────────────────
CREATE TABLE booking_slots (
  service_id text COLLATE "C" NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  starts_at  timestamptz NOT NULL,
  PRIMARY KEY (service_id, starts_at)
);

-- ── bookings ────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE bookings (
  id                  text COLLATE "C" PRIMARY KEY,
  community_id        text COLLATE "C" NOT NULL REFERENCES communities (id),
  service_id          text COLLATE "C" NOT NULL REFERENCES services (id),
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'checked_in', 'done', 'cancelled', 'rejected', 'no_show', 'expired')),
  -- The household it is for, and the person who comes (or is visited).
  building_id         text COLLATE "C" NOT NULL REFERENCES buildings (id),
  room                text COLLATE "C" NOT NULL,
  person_id           text NOT NULL REFERENCES users (id),
  person_name         text NOT NULL,
  -- 代约: the staff member who booked it (id and name together, or none).
  booked_by_id        text REFERENCES users (id),
  booked_by_name      text,
  -- [{ questionId, label, value }]
  answers             jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'array'),
  check_in_code       text COLLATE "C" CHECK (check_in_code ~ '^[0-9]{6}$'),
  -- When it joined its slot's waitlist: the line is (queued_at, id).
  queued_at           timestamptz,
  -- Cancelled: by, reason, at and name together, or none.
  cancellation_by     text CHECK (cancellation_by IN ('resident', 'staff')),
  cancellation_reason text,
  cancellation_at     timestamptz,
  cancellation_name   text,
  -- Rejected: reason, at and name together, or none.
  rejection_reason    text,
  rejection_at        timestamptz,
  rejection_name      text,
  -- Rated: stars, comment and at together, or none.
  rating_stars        integer CHECK (rating_stars BETWEEN 1 AND 5),
  rating_comment      text,
  rating_at           timestamptz,
  -- [{ at, action, byName, note? }] oldest first.
  history             jsonb NOT NULL CHECK (jsonb_typeof(history) = 'array'),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK ((booked_by_id IS NULL) = (booked_by_name IS NULL)),
  CHECK ((cancellation_by IS NULL) = (cancellation_reason IS NULL) AND (cancellation_by IS NULL) = (cancellation_at IS NULL)
     AND (cancellation_by IS NULL) = (cancellation_name IS NULL)),
  CHECK ((rejection_reason IS NULL) = (rejection_at IS NULL) AND (rejection_reason IS NULL) = (rejection_name IS NULL)),
  CHECK ((rating_stars IS NULL) = (rating_comment IS NULL) AND (rating_stars IS NULL) = (rating_at IS NULL))
);
-- A person's upcoming and past bookings, and their active one of a slot.
CREATE INDEX bookings_person ON bookings (person_id, starts_at, id);
CREATE INDEX bookings_booked_by ON bookings (booked_by_id) WHERE booked_by_id IS NOT NULL;
-- A service's day and a slot's counts; the slot's waitlist in line order.
CREATE INDEX bookings_service ON bookings (service_id, starts_at, created_at, id);
CREATE INDEX bookings_waitlist ON bookings (service_id, starts_at, queued_at, id) WHERE status = 'waitlisted';
-- A community's day, its pending bookings for staff, and check-in by code.
CREATE INDEX bookings_community ON bookings (community_id, starts_at, service_id, created_at, id);
CREATE INDEX bookings_pending ON bookings (community_id, status, starts_at, id);
CREATE INDEX bookings_code ON bookings (community_id, check_in_code, starts_at, id) WHERE check_in_code IS NOT NULL;
-- A household's limits per period and its no-shows.
CREATE INDEX bookings_household ON bookings (building_id, room, status, starts_at);

-- ── durable jobs ────────────────────────────────────────────────────────────────────────────────
-- Claimed with FOR UPDATE SKIP LOCKED and leased (locked_by until locked_until): a job whose
-- process died is claimed again once its lease ends. A claimed job stays 'queued' until it is
-- done, or failed for good ('failed', kept with its error).
CREATE TABLE jobs (
  id           text COLLATE "C" PRIMARY KEY,
  kind         text NOT NULL,
  key          text COLLATE "C" NOT NULL UNIQUE,
  run_at       timestamptz NOT NULL,
  payload      jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz,
  CHECK ((locked_by IS NULL) = (locked_until IS NULL))
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE status = 'queued';

-- ── idempotent creation of services and bookings ────────────────────────────────────────────────
-- POST /services and POST /bookings claim their Idempotency-Key in write_keys like the consultation.
ALTER TABLE write_keys DROP CONSTRAINT write_keys_kind_check;
ALTER TABLE write_keys ADD CONSTRAINT write_keys_kind_check
  CHECK (kind IN ('proposal', 'contribution', 'vote', 'disclosure', 'minutes', 'progress', 'convention', 'service', 'booking'));
