import type { BookingAnswer, BookingEvent, BookingStatus } from '../../types/domain'
import { ACTIVE, SEAT_HOLDING, type BookingPatch, type BookingRecord, type BookingRepository, type StartKeyset } from '../../src/core/booking-ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined, json } from './rows'

/**
 * Bookings of services (issue 12) in SQL. Each lives in one row, its history a jsonb array appended
 * to in place; a slot's lock is a row of booking_slots, locked (by an upsert) by every change to the
 * slot. Lists use the indexes of 0006_booking.sql; ties break on id in code points (COLLATE "C").
 */

export interface BookingRow {
  id: string
  community_id: string
  service_id: string
  starts_at: unknown
  ends_at: unknown
  status: BookingStatus
  building_id: string
  room: string
  person_id: string
  person_name: string
  booked_by_id: string | null
  booked_by_name: string | null
  answers: unknown
  check_in_code: string | null
  queued_at: unknown
  cancellation_by: 'resident' | 'staff' | null
  cancellation_reason: string | null
  cancellation_at: unknown
  cancellation_name: string | null
  rejection_reason: string | null
  rejection_at: unknown
  rejection_name: string | null
  rating_stars: number | null
  rating_comment: string | null
  rating_at: unknown
  history: unknown
  created_at: unknown
  updated_at: unknown
}

export const BOOKING_COLUMNS = `id, community_id, service_id, starts_at, ends_at, status, building_id, room, person_id, person_name,
  booked_by_id, booked_by_name, answers, check_in_code, queued_at, cancellation_by, cancellation_reason, cancellation_at, cancellation_name,
  rejection_reason, rejection_at, rejection_name, rating_stars, rating_comment, rating_at, history, created_at, updated_at`

export function toBooking(r: BookingRow): BookingRecord {
  const queuedAt = isoOrUndefined(r.queued_at)
  return {
    id: r.id,
    communityId: r.community_id,
    serviceId: r.service_id,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    status: r.status,
    buildingId: r.building_id,
    room: r.room,
    personId: r.person_id,
    personName: r.person_name,
    ...(r.booked_by_id !== null ? { bookedById: r.booked_by_id, bookedByName: r.booked_by_name ?? '' } : {}),
    answers: json<BookingAnswer[]>(r.answers),
    ...(r.check_in_code !== null ? { checkInCode: r.check_in_code } : {}),
    ...(queuedAt ? { queuedAt } : {}),
    ...(r.cancellation_by !== null
      ? { cancellation: { by: r.cancellation_by, reason: r.cancellation_reason ?? '', at: iso(r.cancellation_at), byName: r.cancellation_name ?? '' } }
      : {}),
    ...(r.rejection_reason !== null ? { rejection: { reason: r.rejection_reason, at: iso(r.rejection_at), byName: r.rejection_name ?? '' } } : {}),
    ...(r.rating_stars !== null ? { rating: { stars: Number(r.rating_stars), comment: r.rating_comment ?? '', at: iso(r.rating_at) } } : {}),
    history: json<BookingEvent[]>(r.history),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

/** An event as stored in the history: its instant normalised, an absent note left out. */
const storedEvent = (e: BookingEvent): BookingEvent => ({ at: iso(e.at), action: e.action, byName: e.byName, ...(e.note !== undefined ? { note: e.note } : {}) })

async function insertBooking(q: Queryable, b: BookingRecord): Promise<void> {
  await q.query(
    `INSERT INTO bookings (${BOOKING_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26::jsonb, $27, $28)`,
    [
      b.id,
      b.communityId,
      b.serviceId,
      b.startsAt,
      b.endsAt,
      b.status,
      b.buildingId,
      b.room,
      b.personId,
      b.personName,
      b.bookedById ?? null,
      b.bookedById !== undefined ? (b.bookedByName ?? '') : null,
      JSON.stringify(b.answers),
      b.checkInCode ?? null,
      b.queuedAt ?? null,
      b.cancellation?.by ?? null,
      b.cancellation?.reason ?? null,
      b.cancellation?.at ?? null,
      b.cancellation?.byName ?? null,
      b.rejection?.reason ?? null,
      b.rejection?.at ?? null,
      b.rejection?.byName ?? null,
      b.rating?.stars ?? null,
      b.rating?.comment ?? null,
      b.rating?.at ?? null,
      JSON.stringify(b.history.map(storedEvent)),
      b.createdAt,
      b.updatedAt,
    ],
  )
}

/** One statement for every patch: an absent field is a NULL parameter and keeps its column. */
async function updateBooking(q: Queryable, id: string, p: BookingPatch, event: BookingEvent): Promise<void> {
  const stored = storedEvent(event)
  await q.query(
    `UPDATE bookings SET
       status = coalesce($2, status),
       starts_at = coalesce($3, starts_at),
       ends_at = coalesce($4, ends_at),
       check_in_code = coalesce($5, check_in_code),
       queued_at = coalesce($6, queued_at),
       cancellation_by = coalesce($7, cancellation_by),
       cancellation_reason = coalesce($8, cancellation_reason),
       cancellation_at = coalesce($9, cancellation_at),
       cancellation_name = coalesce($10, cancellation_name),
       rejection_reason = coalesce($11, rejection_reason),
       rejection_at = coalesce($12, rejection_at),
       rejection_name = coalesce($13, rejection_name),
       rating_stars = coalesce($14, rating_stars),
       rating_comment = coalesce($15, rating_comment),
       rating_at = coalesce($16, rating_at),
       history = history || jsonb_build_array($17::jsonb),
       updated_at = $18
     WHERE id = $1`,
    [
      id,
      p.status ?? null,
      p.startsAt ?? null,
      p.endsAt ?? null,
      p.checkInCode ?? null,
      p.queuedAt ?? null,
      p.cancellation?.by ?? null,
      p.cancellation?.reason ?? null,
      p.cancellation?.at ?? null,
      p.cancellation?.byName ?? null,
      p.rejection?.reason ?? null,
      p.rejection?.at ?? null,
      p.rejection?.byName ?? null,
      p.rating?.stars ?? null,
      p.rating?.comment ?? null,
      p.rating?.at ?? null,
      JSON.stringify(stored),
      stored.at,
    ],
  )
}

async function findBooking(q: Queryable, id: string, forUpdate: boolean): Promise<BookingRecord | null> {
  const [row] = await q.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])
  return row ? toBooking(row) : null
}

/**
 * Create the slot's lock row on the slot's first use and lock it, in one statement: the row is
 * inserted, or, when it exists, updated to itself — either way it is locked until the transaction
 * ends. An insert racing another transaction's uncommitted insert of the same slot waits on the
 * primary key until that one ends, then takes the update path and waits for whoever holds the row.
 */
async function lockSlot(q: Queryable, serviceId: string, startsAt: string): Promise<void> {
  await q.query(
    'INSERT INTO booking_slots (service_id, starts_at) VALUES ($1, $2) ON CONFLICT (service_id, starts_at) DO UPDATE SET starts_at = EXCLUDED.starts_at',
    [serviceId, startsAt],
  )
}

const list = async (q: Queryable, where: string, order: string, params: readonly unknown[]): Promise<BookingRecord[]> =>
  (await q.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE ${where} ORDER BY ${order}`, params)).map(toBooking)

const keyset = (cursor: StartKeyset | null): [string | null, string | null] => (cursor ? [cursor.startsAt, cursor.id] : [null, null])

export function bookingRepository(q: Queryable): BookingRepository {
  return {
    insert: (b) => insertBooking(q, b),
    find: (id) => findBooking(q, id, false),
    findForUpdate: (id) => findBooking(q, id, true),
    update: (id, patch, event) => updateBooking(q, id, patch, event),
    lockSlot: (serviceId, startsAt) => lockSlot(q, serviceId, startsAt),
    slotCounts: async (serviceId, from, to) => {
      const rows = await q.query<{ starts_at: unknown; held: number; waitlist: number }>(
        `SELECT starts_at, count(*) FILTER (WHERE status = ANY ($4::text[]))::int AS held, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlist
         FROM bookings WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3
         GROUP BY starts_at ORDER BY starts_at`,
        [serviceId, from, to, [...SEAT_HOLDING]],
      )
      return rows.map((r) => ({ startsAt: iso(r.starts_at), held: Number(r.held), waitlist: Number(r.waitlist) }))
    },
    waitlist: (serviceId, startsAt) =>
      list(q, "service_id = $1 AND starts_at = $2 AND status = 'waitlisted'", 'queued_at, id', [serviceId, startsAt]),
    countForHousehold: async (h, serviceId, from, to, statuses) => {
      const [row] = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bookings
         WHERE building_id = $1 AND room = $2 AND community_id = $3 AND service_id = $4 AND starts_at >= $5 AND starts_at < $6 AND status = ANY ($7::text[])`,
        [h.buildingId, h.room, h.communityId, serviceId, from, to, [...statuses]],
      )
      return Number(row.n)
    },
    noShowsSince: async (h, since) => {
      const rows = await q.query<{ starts_at: unknown }>(
        `SELECT starts_at FROM bookings
         WHERE building_id = $1 AND room = $2 AND community_id = $3 AND status = 'no_show' AND starts_at >= $4
         ORDER BY starts_at, id`,
        [h.buildingId, h.room, h.communityId, since],
      )
      return rows.map((r) => iso(r.starts_at))
    },
    findActive: async (personId, serviceId, startsAt) => {
      const [found] = await list(q, 'person_id = $1 AND service_id = $2 AND starts_at = $3 AND status = ANY ($4::text[])', 'id LIMIT 1', [
        personId,
        serviceId,
        startsAt,
        [...ACTIVE],
      ])
      return found ?? null
    },
    listUpcoming: (personId, now, limit) =>
      list(q, 'person_id = $1 AND status = ANY ($2::text[]) AND ends_at > $3', 'starts_at, id LIMIT $4', [personId, [...ACTIVE], now, limit]),
    listPast: (personId, now, cursor, limit) =>
      list(
        q,
        `person_id = $1 AND NOT (status = ANY ($2::text[]) AND ends_at > $3)
         AND ($4::timestamptz IS NULL OR (starts_at, id) < ($4::timestamptz, $5::text))`,
        'starts_at DESC, id DESC LIMIT $6',
        [personId, [...ACTIVE], now, ...keyset(cursor), limit],
      ),
    listForService: (serviceId, from, to, limit) =>
      limit === undefined
        ? list(q, 'service_id = $1 AND starts_at >= $2 AND starts_at < $3', 'starts_at, created_at, id', [serviceId, from, to])
        : list(q, 'service_id = $1 AND starts_at >= $2 AND starts_at < $3', 'starts_at, created_at, id LIMIT $4', [serviceId, from, to, limit]),
    listForCommunity: (communityId, from, to, limit) =>
      list(q, 'community_id = $1 AND starts_at >= $2 AND starts_at < $3', 'starts_at, service_id, created_at, id LIMIT $4', [communityId, from, to, limit]),
    listPending: (communityId, now, cursor, limit) =>
      list(
        q,
        `community_id = $1 AND status = 'pending' AND starts_at > $2
         AND ($3::timestamptz IS NULL OR (starts_at, id) > ($3::timestamptz, $4::text))`,
        'starts_at, id LIMIT $5',
        [communityId, now, ...keyset(cursor), limit],
      ),
    findByCode: (communityId, code, from, to) =>
      list(q, 'community_id = $1 AND check_in_code = $2 AND starts_at >= $3 AND starts_at < $4', 'starts_at, id', [communityId, code, from, to]),
    codeTaken: async (serviceId, code, from, to) => {
      const rows = await q.query('SELECT 1 FROM bookings WHERE service_id = $1 AND check_in_code = $2 AND starts_at >= $3 AND starts_at < $4 LIMIT 1', [
        serviceId,
        code,
        from,
        to,
      ])
      return rows.length > 0
    },
  }
}
