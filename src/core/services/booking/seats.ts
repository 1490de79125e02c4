import type { BookingEvent, Id } from '../../../../types/domain'
import { addDays, beijingDate, startOfBeijingDay } from '../../../domain/beijing-time'
import { newCheckInCode } from '../../../domain/booking/check-in'
import { REMINDER_LEAD_MS } from '../../../domain/booking/reminders'
import { seatsLeft, toPromote } from '../../../domain/booking/waitlist'
import type { Runtime } from '../../context'
import { conflict } from '../../errors'
import type { BookingRecord, Repositories, ServiceRecord, Store } from '../../ports'

/**
 * Seats under the slot's lock (`lockSlot` first, always): how many are left, a fresh check-in code,
 * the jobs a seat-holding booking needs, and promoting the waitlist when a seat frees.
 */

/** Seats left and the line's length, read under the slot's lock. */
export async function slotState(tx: Repositories, service: ServiceRecord, startsAt: string): Promise<{ left: number; waiting: number }> {
  const until = new Date(Date.parse(startsAt) + 1).toISOString()
  const count = (await tx.bookings.slotCounts(service.id, startsAt, until))[0]
  return { left: seatsLeft(service.capacity, count?.held ?? 0), waiting: count?.waitlist ?? 0 }
}

/** Numbers in [0, 1) from the runtime's fresh tokens, mixed (FNV-1a) so any token alphabet gives even digits. */
function randomOf(rt: Runtime): () => number {
  const token = rt.newToken()
  let n = 0
  return () => {
    let h = 0x811c9dc5 ^ n++
    for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0
    return ((h ^ (h >>> 13)) >>> 0) / 0x1_0000_0000
  }
}

/** A 6-digit code no other booking of the service holds that Beijing day. */
export async function freshCode(tx: Repositories, rt: Runtime, serviceId: Id, startsAt: string): Promise<string> {
  const day = beijingDate(startsAt)
  const from = startOfBeijingDay(day)
  const to = startOfBeijingDay(addDays(day, 1))
  const random = randomOf(rt)
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = newCheckInCode(random)
    if (!(await tx.bookings.codeTaken(serviceId, code, from, to))) return code
  }
  // Near impossible (20 draws of a million codes); a conflict the caller may simply retry, not a 500.
  throw conflict('签到码生成失败，请重试')
}

/**
 * The jobs of a booking holding a seat: reminders the day before and an hour before (when still
 * ahead), and the slot's end (checked-in bookings become done). Keys make each once.
 */
export async function scheduleSeatJobs(tx: Repositories, rt: Runtime, booking: Pick<BookingRecord, 'id' | 'serviceId' | 'startsAt' | 'endsAt'>, now: Date): Promise<void> {
  const start = Date.parse(booking.startsAt)
  const reminders = (['day', 'hour'] as const).flatMap((which) => {
    const at = start - REMINDER_LEAD_MS[which]
    if (at <= now.getTime()) return []
    return [
      {
        id: rt.newId('job'),
        kind: 'booking.remind',
        key: `remind:${booking.id}:${booking.startsAt}:${which}`,
        runAt: new Date(at).toISOString(),
        payload: { bookingId: booking.id, startsAt: booking.startsAt, which },
      },
    ]
  })
  // One write for all of them (a booking's hot path).
  await tx.jobs.scheduleAll([
    ...reminders,
    {
      id: rt.newId('job'),
      kind: 'booking.slot_ended',
      key: `slot_ended:${booking.serviceId}:${booking.startsAt}`,
      runAt: booking.endsAt,
      payload: { serviceId: booking.serviceId, startsAt: booking.startsAt },
    },
  ])
}

/** A waitlisted booking needs its slot's start: the line still waiting then ends. */
export async function scheduleLineJob(tx: Repositories, rt: Runtime, serviceId: Id, startsAt: string): Promise<void> {
  await tx.jobs.schedule({
    id: rt.newId('job'),
    kind: 'booking.slot_started',
    key: `slot_started:${serviceId}:${startsAt}`,
    runAt: startsAt,
    payload: { serviceId, startsAt },
  })
}

/**
 * Promote the first in line into the seats left (the slot's lock held): each becomes pending or
 * confirmed with a code, and gets its reminders. Nobody is promoted once the slot has started.
 */
export async function promoteLine(tx: Repositories, rt: Runtime, service: ServiceRecord, startsAt: string, now: Date): Promise<BookingRecord[]> {
  if (Date.parse(startsAt) <= now.getTime()) return []
  const { left, waiting } = await slotState(tx, service, startsAt)
  if (left <= 0 || waiting === 0) return []
  const line = await tx.bookings.waitlist(service.id, startsAt)
  const promoted: BookingRecord[] = []
  for (const waiting of toPromote(line, left)) {
    const status = service.requiresConfirmation ? 'pending' : 'confirmed'
    const checkInCode = await freshCode(tx, rt, service.id, startsAt)
    const event: BookingEvent = { at: now.toISOString(), action: 'promoted', byName: '系统', note: service.requiresConfirmation ? '候补成功，等待社区确认' : '候补成功，已为您保留名额' }
    await tx.bookings.update(waiting.id, { status, checkInCode }, event)
    await scheduleSeatJobs(tx, rt, waiting, now)
    promoted.push({ ...waiting, status, checkInCode, history: [...waiting.history, event], updatedAt: event.at })
  }
  return promoted
}

/**
 * A slot with free seats and a line (its capacity raised while people waited): the line takes the
 * seats first, in order, before anyone new is considered. Its own transaction, so that a refusal
 * of the booking that follows does not undo the promotions. The cheap unlocked look comes first:
 * most slots have no line, or no free seat.
 */
export async function fillFreeSeats(store: Store, rt: Runtime, service: ServiceRecord, startsAt: string): Promise<BookingRecord[]> {
  const stuck = async (repos: Repositories) => {
    const { left, waiting } = await slotState(repos, service, startsAt)
    return left > 0 && waiting > 0
  }
  if (!(await stuck(store))) return []
  return store.transaction(async (tx) => {
    await tx.bookings.lockSlot(service.id, startsAt)
    return (await stuck(tx)) ? promoteLine(tx, rt, service, startsAt, rt.now()) : []
  })
}
