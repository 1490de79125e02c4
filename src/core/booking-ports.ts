import type { BookingAnswer, BookingEvent, BookingStatus, HouseholdTag, Id, Service } from '../../types/domain'

/**
 * The ports of service booking (issue 12), shaped by its use cases like the rest of ports.ts.
 *
 * Slots are not stored: they are computed from a service's hours (src/domain/booking/slots.ts) and
 * identified by (serviceId, startsAt). What is stored per slot is a lock row, taken by `lockSlot`
 * inside the booking transaction, so bookers of one slot serialise and seats are counted under the
 * lock: 200 concurrent bookers of 10 seats leave exactly 10 holding one.
 *
 * Instants are ISO strings and come back normalised (`toISOString()` form). Lists say their order;
 * ties break on id (code-point order, as the database sorts text with COLLATE "C").
 */

// ── services ─────────────────────────────────────────────────────────────────────────────────

/** A service as stored: the app's Service without the asking resident's eligibility. */
export interface ServiceRecord extends Omit<Service, 'myEligibility'> {
  createdAt: string
  createdById: Id
}

export interface ServiceRepository {
  insert(service: ServiceRecord): Promise<void>
  /** Replace every field but id, communityId, createdAt and createdById. */
  update(service: ServiceRecord): Promise<void>
  find(id: Id): Promise<ServiceRecord | null>
  /** A community's services with one of these statuses (all when absent), by name then id. */
  list(communityId: Id, statuses?: ReadonlyArray<Service['status']>): Promise<ServiceRecord[]>
}

// ── household tags ───────────────────────────────────────────────────────────────────────────

export interface HouseholdRef {
  communityId: Id
  buildingId: Id
  room: string
}

export interface HouseholdTagRepository {
  /** The household's tags in the order saved; [] when it has none. */
  find(household: HouseholdRef): Promise<HouseholdTag[]>
  /** Replace the household's tags ([] removes them). */
  save(household: HouseholdRef, tags: readonly HouseholdTag[], at: string, byId: Id): Promise<void>
}

// ── bookings ─────────────────────────────────────────────────────────────────────────────────

/** Statuses that hold a seat of their slot. */
export const SEAT_HOLDING: readonly BookingStatus[] = ['pending', 'confirmed', 'checked_in', 'done', 'no_show']
/** Statuses of a booking still to happen (shown under 我的预约 until its slot ends). */
export const ACTIVE: readonly BookingStatus[] = ['pending', 'confirmed', 'waitlisted', 'checked_in']

export interface BookingRecord {
  id: Id
  communityId: Id
  serviceId: Id
  startsAt: string
  endsAt: string
  status: BookingStatus
  buildingId: Id
  room: string
  personId: Id
  personName: string
  /** 代约: the staff member who booked it. */
  bookedById?: Id
  bookedByName?: string
  answers: BookingAnswer[]
  /** 6 digits; set when the booking holds a seat (pending or confirmed), kept afterwards. */
  checkInCode?: string
  /** When it joined its slot's waitlist: the line's order is (queuedAt, id). Absent when never waitlisted. */
  queuedAt?: string
  cancellation?: { by: 'resident' | 'staff'; reason: string; at: string; byName: string }
  rejection?: { reason: string; at: string; byName: string }
  rating?: { stars: number; comment: string; at: string }
  /** Oldest first. */
  history: BookingEvent[]
  createdAt: string
  updatedAt: string
}

export type BookingPatch = Partial<
  Pick<BookingRecord, 'status' | 'startsAt' | 'endsAt' | 'checkInCode' | 'queuedAt' | 'cancellation' | 'rejection' | 'rating'>
>

/** Seats held (SEAT_HOLDING) and the waitlist's length of one slot. */
export interface SlotCount {
  startsAt: string
  held: number
  waitlist: number
}

/** A keyset position in a list ordered by a booking's start: (startsAt, id). */
export interface StartKeyset {
  startsAt: string
  id: Id
}

export interface BookingRepository {
  insert(booking: BookingRecord): Promise<void>
  find(id: Id): Promise<BookingRecord | null>
  /** `find`, holding the booking until the transaction ends: changes to one booking serialise. */
  findForUpdate(id: Id): Promise<BookingRecord | null>
  /** Write the changing parts (absent fields stay; `null`-free) and append `event` to its history; `updatedAt` becomes `event.at`. */
  update(id: Id, patch: BookingPatch, event: BookingEvent): Promise<void>
  /**
   * Hold the slot (serviceId, startsAt) until the transaction ends, creating its lock row on first
   * use: every booking, cancellation, reschedule, rejection or promotion of a slot takes this first,
   * so seat counts read after it are exact.
   */
  lockSlot(serviceId: Id, startsAt: string): Promise<void>
  /** Counts of the service's slots starting in [from, to) that have any booking, by startsAt. */
  slotCounts(serviceId: Id, from: string, to: string): Promise<SlotCount[]>
  /** The slot's waitlisted bookings in line order (queuedAt, id). */
  waitlist(serviceId: Id, startsAt: string): Promise<BookingRecord[]>
  /** The household's bookings of the service starting in [from, to) with one of these statuses. */
  countForHousehold(household: HouseholdRef, serviceId: Id, from: string, to: string, statuses: readonly BookingStatus[]): Promise<number>
  /** The starts of the household's no-shows (of any service) starting at or after `since`, oldest first. */
  noShowsSince(household: HouseholdRef, since: string): Promise<string[]>
  /** The person's active booking (ACTIVE) of this slot, if any. */
  findActive(personId: Id, serviceId: Id, startsAt: string): Promise<BookingRecord | null>
  /** The person's bookings with an ACTIVE status ending after `now`, soonest first (startsAt, id), at most `limit`. */
  listUpcoming(personId: Id, now: string, limit: number): Promise<BookingRecord[]>
  /** The person's other bookings (not ACTIVE, or ended by `now`), latest start first (startsAt desc, id desc) after `cursor`. */
  listPast(personId: Id, now: string, cursor: StartKeyset | null, limit: number): Promise<BookingRecord[]>
  /** The service's bookings (any status) starting in [from, to), by (startsAt, createdAt, id); at most `limit` when given. */
  listForService(serviceId: Id, from: string, to: string, limit?: number): Promise<BookingRecord[]>
  /** The community's bookings (any status) starting in [from, to), by (startsAt, serviceId, createdAt, id), at most `limit`. */
  listForCommunity(communityId: Id, from: string, to: string, limit: number): Promise<BookingRecord[]>
  /** The community's pending bookings starting after `now`, soonest first (startsAt, id) after `cursor`. */
  listPending(communityId: Id, now: string, cursor: StartKeyset | null, limit: number): Promise<BookingRecord[]>
  /** The community's bookings carrying this check-in code and starting in [from, to), by (startsAt, id). */
  findByCode(communityId: Id, code: string, from: string, to: string): Promise<BookingRecord[]>
  /** Whether a booking of the service starting in [from, to) holds this code (codes are unique per service and day). */
  codeTaken(serviceId: Id, code: string, from: string, to: string): Promise<boolean>
}

// ── durable jobs ─────────────────────────────────────────────────────────────────────────────

export interface JobRecord {
  id: Id
  /** What runs it: `booking.remind`, `booking.slot_started`, `booking.slot_ended`. */
  kind: string
  /** Unique: scheduling a key that exists does nothing (a reminder is scheduled once per booking and start). */
  key: string
  runAt: string
  payload: Record<string, unknown>
  /** Claims so far, this one included. */
  attempts: number
}

/**
 * A table of jobs due at a time, claimed with `FOR UPDATE SKIP LOCKED` and a lease: two server
 * processes never claim one job, and a job whose process died is claimed again once its lease ends
 * (restarts lose nothing). Not `setTimeout`: the time lives in the database.
 */
export interface JobRepository {
  /** Add a job; false (nothing written) when its key exists. */
  schedule(job: Omit<JobRecord, 'attempts'>): Promise<boolean>
  /** Add several jobs at once (one statement on SQL), each as `schedule` would; how many were new. */
  scheduleAll(jobs: ReadonlyArray<Omit<JobRecord, 'attempts'>>): Promise<number>
  /**
   * Claim at most `limit` jobs due at `now` (runAt ≤ now), queued or with a lease that ended
   * before `now`, oldest due first (runAt, id): each is leased to `worker` until `leaseUntil` and
   * its attempts grow by one. A job another worker holds (row locked or lease running) is skipped.
   */
  claimDue(now: string, worker: string, leaseUntil: string, limit: number): Promise<JobRecord[]>
  /** The job ran: it never runs again (only the worker holding it may say so; false otherwise). */
  complete(id: Id, worker: string, at: string): Promise<boolean>
  /** It failed: run again at `retryAt`, or never (`null`: given up, kept with its error). */
  fail(id: Id, worker: string, error: string, retryAt: string | null): Promise<void>
  /** Jobs not done yet with this key prefix (tests, and the server's health). */
  pending(keyPrefix: string): Promise<Array<{ key: string; runAt: string; attempts: number }>>
}
