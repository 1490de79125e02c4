import type { BookingEvent, BookingStatus, Id } from '../../../../types/domain'
import { ACTIVE, SEAT_HOLDING, type BookingPatch, type BookingRecord, type BookingRepository, type HouseholdRef, type SlotCount, type StartKeyset } from '../../../core/ports'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { copy, defined, instant, optionalInstant, type BookingRow } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/**
 * The memory store's BookingRepository (issue 12): bookings of a service's slots, their seat
 * counts, waitlists and check-in codes.
 *
 * No slot-lock rows: the SQL store locks a row per slot so that bookers of one slot serialise,
 * while here the store's one mutex already serialises every unit of work (a transaction holds it
 * from start to end), so seat counts read inside a transaction are exact without one. `lockSlot`
 * only checks what the SQL one's insert would (the service exists, the start is an instant);
 * `findForUpdate` is `find` for the same reason.
 */

const eventRow = (e: BookingEvent): BookingEvent => defined({ at: instant(e.at), action: e.action, byName: e.byName, note: e.note })

type Cancellation = NonNullable<BookingRecord['cancellation']>
type Rejection = NonNullable<BookingRecord['rejection']>
type Rating = NonNullable<BookingRecord['rating']>

const cancellationRow = (c: Cancellation): Cancellation => ({ by: c.by, reason: c.reason, at: instant(c.at), byName: c.byName })
const rejectionRow = (r: Rejection): Rejection => ({ reason: r.reason, at: instant(r.at), byName: r.byName })
const ratingRow = (r: Rating): Rating => ({ stars: r.stars, comment: r.comment, at: instant(r.at) })

/** A booking as kept: its fields only, optional ones absent, every instant normalised. */
export const bookingRow = (b: BookingRecord): BookingRow =>
  defined({
    id: b.id,
    communityId: b.communityId,
    serviceId: b.serviceId,
    startsAt: instant(b.startsAt),
    endsAt: instant(b.endsAt),
    status: b.status,
    buildingId: b.buildingId,
    room: b.room,
    personId: b.personId,
    personName: b.personName,
    bookedById: b.bookedById,
    bookedByName: b.bookedByName,
    answers: b.answers.map((a) => ({ questionId: a.questionId, label: a.label, value: a.value })),
    checkInCode: b.checkInCode,
    queuedAt: optionalInstant(b.queuedAt),
    cancellation: b.cancellation ? cancellationRow(b.cancellation) : undefined,
    rejection: b.rejection ? rejectionRow(b.rejection) : undefined,
    rating: b.rating ? ratingRow(b.rating) : undefined,
    history: b.history.map(eventRow),
    createdAt: instant(b.createdAt),
    updatedAt: instant(b.updatedAt),
  })

/** Ascending over (startsAt, id). */
const byStart = (a: StartKeyset, b: StartKeyset) => compareText(a.startsAt, b.startsAt) || compareText(a.id, b.id)
/** Ascending over (startsAt, createdAt, id). */
const byStartThenCreated = (a: BookingRow, b: BookingRow) => compareText(a.startsAt, b.startsAt) || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)
/** The waitlist's line: (queuedAt, id); a booking without queuedAt last (NULLS LAST). */
const byQueue = (a: BookingRow, b: BookingRow) =>
  (a.queuedAt === undefined ? 1 : 0) - (b.queuedAt === undefined ? 1 : 0) || compareText(a.queuedAt ?? '', b.queuedAt ?? '') || compareText(a.id, b.id)

const normalizeStart = (cursor: StartKeyset | null): StartKeyset | null => (cursor ? { startsAt: instant(cursor.startsAt), id: cursor.id } : null)
const limited = (limit: number) => Math.max(0, limit)

export function bookingRepository(t: Tables, run: Run): BookingRepository {
  const find = (id: Id) => {
    const b = t.bookings.get(id)
    return b ? copy(b) : null
  }
  /** Bookings matching `test`, sorted, copied. */
  const select = (test: (b: BookingRow) => boolean, order: (a: BookingRow, b: BookingRow) => number, limit?: number) => {
    const rows = t.bookings.rows().filter(test).slice().sort(order)
    return (limit === undefined ? rows : rows.slice(0, limited(limit))).map(copy)
  }
  /** startsAt in [from, to) (both normalised). */
  const within = (b: BookingRow, from: string, to: string) => compareText(b.startsAt, from) >= 0 && compareText(b.startsAt, to) < 0
  const ofHousehold = (b: BookingRow, h: HouseholdRef) => b.communityId === h.communityId && b.buildingId === h.buildingId && b.room === h.room
  const active = (status: BookingStatus) => ACTIVE.includes(status)
  return {
    insert: (booking) =>
      run(() => {
        mustExist(t.communities, booking.communityId)
        mustExist(t.services, booking.serviceId)
        mustExist(t.buildings, booking.buildingId)
        mustExist(t.users, booking.personId)
        mustExist(t.users, booking.bookedById)
        t.bookings.insert(bookingRow(booking))
      }),
    find: (id) => run(() => find(id)),
    // The mutex serialises every unit of work: holding the booking is holding the store.
    findForUpdate: (id) => run(() => find(id)),
    update: (id, patch, event) =>
      run(() => {
        const b = t.bookings.get(id)
        if (!b) return
        const next: BookingRecord = { ...b }
        for (const [field, value] of Object.entries(patch) as Array<[keyof BookingPatch, unknown]>) {
          if (value !== undefined && value !== null) (next as unknown as Record<string, unknown>)[field] = value
        }
        next.history = [...b.history, event]
        next.updatedAt = event.at
        t.bookings.replace(bookingRow(next))
      }),
    lockSlot: (serviceId, startsAt) =>
      run(() => {
        mustExist(t.services, serviceId)
        instant(startsAt)
      }),
    slotCounts: (serviceId, from, to) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        const counts = new Map<string, SlotCount>()
        for (const b of t.bookings.rows()) {
          if (b.serviceId !== serviceId || !within(b, start, end)) continue
          const c = counts.get(b.startsAt) ?? { startsAt: b.startsAt, held: 0, waitlist: 0 }
          if (SEAT_HOLDING.includes(b.status)) c.held++
          else if (b.status === 'waitlisted') c.waitlist++
          counts.set(b.startsAt, c)
        }
        return [...counts.values()].sort((a, b) => compareText(a.startsAt, b.startsAt))
      }),
    waitlist: (serviceId, startsAt) =>
      run(() => {
        const start = instant(startsAt)
        return select((b) => b.serviceId === serviceId && b.startsAt === start && b.status === 'waitlisted', byQueue)
      }),
    countForHousehold: (household, serviceId, from, to, statuses) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        return t.bookings.rows().filter((b) => b.serviceId === serviceId && ofHousehold(b, household) && within(b, start, end) && statuses.includes(b.status)).length
      }),
    noShowsSince: (household, since) =>
      run(() => {
        const from = instant(since)
        return select((b) => b.status === 'no_show' && ofHousehold(b, household) && compareText(b.startsAt, from) >= 0, byStart).map((b) => b.startsAt)
      }),
    findActive: (personId, serviceId, startsAt) =>
      run(() => {
        const start = instant(startsAt)
        return select((b) => b.personId === personId && b.serviceId === serviceId && b.startsAt === start && active(b.status), byStartThenCreated, 1)[0] ?? null
      }),
    listUpcoming: (personId, now, limit) =>
      run(() => {
        const at = instant(now)
        return select((b) => b.personId === personId && active(b.status) && compareText(b.endsAt, at) > 0, byStart, limit)
      }),
    listPast: (personId, now, cursor, limit) =>
      run(() => {
        const at = instant(now)
        const after = normalizeStart(cursor)
        return select(
          (b) => b.personId === personId && (!active(b.status) || compareText(b.endsAt, at) <= 0) && (!after || byStart(b, after) < 0),
          (a, b) => byStart(b, a),
          limit,
        )
      }),
    listForService: (serviceId, from, to, limit) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        return select((b) => b.serviceId === serviceId && within(b, start, end), byStartThenCreated, limit)
      }),
    listForCommunity: (communityId, from, to, limit) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        return select(
          (b) => b.communityId === communityId && within(b, start, end),
          (a, b) => compareText(a.startsAt, b.startsAt) || compareText(a.serviceId, b.serviceId) || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id),
          limit,
        )
      }),
    listPending: (communityId, now, cursor, limit) =>
      run(() => {
        const at = instant(now)
        const after = normalizeStart(cursor)
        return select(
          (b) => b.communityId === communityId && b.status === 'pending' && compareText(b.startsAt, at) > 0 && (!after || byStart(b, after) > 0),
          byStart,
          limit,
        )
      }),
    findByCode: (communityId, code, from, to) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        return select((b) => b.communityId === communityId && b.checkInCode === code && within(b, start, end), byStart)
      }),
    codeTaken: (serviceId, code, from, to) =>
      run(() => {
        const [start, end] = [instant(from), instant(to)]
        return t.bookings.rows().some((b) => b.serviceId === serviceId && b.checkInCode === code && within(b, start, end))
      }),
  }
}
