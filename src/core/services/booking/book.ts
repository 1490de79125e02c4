import type { BookingInput, RescheduleInput } from '../../../../types/api'
import type { Booking, BookingEvent, BookingStatus, Id } from '../../../../types/domain'
import type { Actor } from '../../../domain/actor'
import { chinaTime } from '../../../domain/beijing-time'
import { statusAllows, stepRefusal } from '../../../domain/booking/lifecycle'
import { noShowLookback, pauseOf } from '../../../domain/booking/no-shows'
import { bookingRefusal, changeRefusal, limitRefusal, limitSpan, SERVICE_PAUSED, timingRefusal } from '../../../domain/booking/rules'
import { slotAt } from '../../../domain/booking/slots'
import { validateAnswers } from '../../../domain/booking/validation'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { conflict, forbidden, notFound, requireCommunity, validationError } from '../../errors'
import { ACTIVE, type BookingRecord, type HouseholdRef, type Repositories, type ServiceRecord, type Store } from '../../ports'
import { checkBookingQuota } from '../../quotas'
import { createOnce, refuse } from '../consultation/shared'
import type { BookingNotifications } from './notify'
import { fillFreeSeats, freshCode, promoteLine, scheduleLineJob, scheduleSeatJobs, slotState } from './seats'
import { bookingViews, isServiceStaff, SERVICE_NOT_FOUND, visibleBooking } from './views'

/** What a household's limit counts: every booking of the period that was not cancelled, rejected or expired. */
const COUNTED: readonly BookingStatus[] = [...ACTIVE, 'done', 'no_show']

export const NOT_VERIFIED = '完成房屋认证后才能预约，请先在“我的”中认证房屋'
export const SLOT_FULL = '该时段已约满，可以加入候补，有人取消时按顺序递补'

/** The person a booking is for: the caller, or (staff, 代约) a verified resident of their community. */
async function bookerOf(repos: Repositories, actor: Actor, forUserId: unknown): Promise<{ id: Id; name: string; household: HouseholdRef; byStaff: boolean }> {
  const communityId = requireCommunity(actor)
  if (forUserId === undefined || forUserId === actor.id) {
    if (!actor.home) throw forbidden(NOT_VERIFIED)
    return { id: actor.id, name: actor.name, household: { communityId, ...actor.home }, byStaff: false }
  }
  if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以代居民预约')
  const person = typeof forUserId === 'string' && forUserId.length <= 64 ? await repos.users.find(forUserId) : null
  if (!person || person.communityId !== communityId) throw validationError({ forUserId: '请选择本社区的居民' })
  if (!person.home) throw validationError({ forUserId: '这位居民还没有完成房屋认证，请先为其认证房屋' })
  return { id: person.id, name: person.name, household: { communityId, ...person.home }, byStaff: true }
}

/** The household's pause (three no-shows in 60 days), if one is running. */
export async function pauseFor(repos: Repositories, household: HouseholdRef, now: Date) {
  return pauseOf(await repos.bookings.noShowsSince(household, noShowLookback(now)), now)
}

async function countInPeriod(repos: Repositories, service: ServiceRecord, household: HouseholdRef, startsAt: string, excludeId?: Id): Promise<number> {
  const limit = service.rules.householdLimit
  if (!limit) return 0
  const span = limitSpan(limit.period, startsAt)
  const count = await repos.bookings.countForHousehold(household, service.id, span.from, span.to, COUNTED)
  if (!excludeId) return count
  const excluded = await repos.bookings.find(excludeId)
  const inSpan = excluded && excluded.startsAt >= span.from && excluded.startsAt < span.to && COUNTED.includes(excluded.status)
  return inSpan ? count - 1 : count
}

/**
 * When a booking joins the slot's line (the slot's lock held): now, or just after the last in line
 * when that is not earlier — so the line keeps the order of arrival even when two join within one
 * millisecond (or under a clock that stands still), instead of falling back on their ids.
 */
async function placeInLine(tx: Repositories, serviceId: Id, startsAt: string, at: Date): Promise<string> {
  const line = await tx.bookings.waitlist(serviceId, startsAt)
  const last = line.length ? Date.parse(line[line.length - 1].queuedAt ?? line[line.length - 1].createdAt) : -Infinity
  return new Date(Math.max(at.getTime(), last + 1)).toISOString()
}

/** Booking and moving a booking: the rules first, then the seat under the slot's lock. */
export class BookingFlow {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notify: BookingNotifications,
  ) {}

  async book(caller: Caller, input: BookingInput, options: { idempotencyKey: unknown }): Promise<Booking> {
    const { actor } = caller
    // The service as read for the line is the one the booking is checked against (it is not read twice).
    const serviceRead = await this.fillLine(actor, input?.serviceId, input?.startsAt)
    // What this call wrote, answered without reading it back (a replay reads what the first call made).
    let made: { record: BookingRecord; service: ServiceRecord } | null = null
    return createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'booking', key: options.idempotencyKey, input, idPrefix: 'bk' },
      async (tx, id, at) => {
        const booker = await bookerOf(tx, actor, input.forUserId)
        // The household's bookings serialise (its limit holds under races), then the slot's.
        await tx.users.lockHousehold(booker.household.communityId, booker.household)
        const service = typeof input.serviceId !== 'string' ? null : serviceRead?.id === input.serviceId ? serviceRead : await tx.services.find(input.serviceId)
        if (!service || service.communityId !== booker.household.communityId || service.status === 'draft') throw notFound(SERVICE_NOT_FOUND)
        const slot = typeof input.startsAt === 'string' ? slotAt(service, input.startsAt) : null
        if (!slot) throw validationError({ startsAt: '没有这个时段，请重新选择' })
        const { errors, answers } = validateAnswers(service.questions, input.answers)
        if (hasErrors(errors)) throw validationError(errors)
        // Staff booking for someone at the counter or on the phone (代约) are not held to the notice.
        const rules = booker.byStaff ? { ...service.rules, minNoticeMinutes: 0 } : service.rules
        refuse(
          bookingRefusal({
            service: { ...service, rules },
            startsAt: slot.startsAt,
            now: at,
            tags: await tx.householdTags.find(booker.household),
            pause: await pauseFor(tx, booker.household, at),
            countInPeriod: await countInPeriod(tx, service, booker.household, slot.startsAt),
          }),
        )
        // What the household's lock already guards comes before the slot's lock, so the slot (which
        // every booker of that half hour waits on) is held only for its seats and the writes.
        if (await tx.bookings.findActive(booker.id, service.id, slot.startsAt)) throw conflict(booker.byStaff ? '这位居民已预约该时段' : '您已预约该时段，请在“我的预约”中查看')
        await checkBookingQuota(tx, actor, at)
        // Drawn before the seat is known: the code's check spans the service's day, which no lock
        // held here covers anyway; a booking that joins the line does not keep it.
        const code = await freshCode(tx, this.rt, service.id, slot.startsAt)
        await tx.bookings.lockSlot(service.id, slot.startsAt)
        const { left, waiting } = await slotState(tx, service, slot.startsAt)
        const seat = left > 0 && waiting === 0
        if (!seat && input.waitlist !== true) throw conflict(SLOT_FULL)
        const status: BookingStatus = !seat ? 'waitlisted' : service.requiresConfirmation ? 'pending' : 'confirmed'
        const checkInCode = seat ? code : undefined
        const when = at.toISOString()
        const event: BookingEvent = {
          at: when,
          action: seat ? 'booked' : 'waitlisted',
          byName: actor.name,
          // Who booked is the event's byName (erased with the person); the note names no one.
          ...(booker.byStaff ? { note: '社区代约' } : status === 'pending' ? { note: '等待社区确认' } : {}),
        }
        const record: BookingRecord = {
          id,
          communityId: service.communityId,
          serviceId: service.id,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status,
          buildingId: booker.household.buildingId,
          room: booker.household.room,
          personId: booker.id,
          personName: booker.name,
          ...(booker.byStaff ? { bookedById: actor.id, bookedByName: actor.name } : {}),
          answers,
          ...(checkInCode ? { checkInCode } : {}),
          ...(seat ? {} : { queuedAt: await placeInLine(tx, service.id, slot.startsAt, at) }),
          history: [event],
          createdAt: when,
          updatedAt: when,
        }
        return async (w) => {
          await w.bookings.insert(record)
          if (seat) await scheduleSeatJobs(w, this.rt, record, at)
          else await scheduleLineJob(w, this.rt, service.id, slot.startsAt)
          made = { record, service }
        }
      },
      async (repos, id) => {
        const fresh = made?.record.id === id ? made : null
        const record = fresh ? fresh.record : (await repos.bookings.find(id))!
        return (await bookingViews(repos, [record], actor, this.rt.now(), fresh ? [fresh.service] : []))[0]
      },
    )
  }

  /** Move a pending or confirmed booking to another slot of its service: the old seat freed (and given to the line) and the new one taken in one step. */
  async reschedule(caller: Caller, id: unknown, input: RescheduleInput): Promise<Booking> {
    const { actor } = caller
    const now = this.rt.now()
    const first = await visibleBooking(this.store, actor, id)
    const service = await this.store.services.find(first.serviceId)
    if (!service) throw notFound(SERVICE_NOT_FOUND)
    const target = typeof input?.startsAt === 'string' ? slotAt(service, input.startsAt) : null
    if (!target) throw validationError({ startsAt: '没有这个时段，请重新选择' })
    if (target.startsAt === first.startsAt) throw validationError({ startsAt: '新时段与原时段相同，请选择其他时段' })
    const staff = isServiceStaff(actor, first.communityId)
    await this.fillLine(actor, service.id, target.startsAt)
    const promoted = await this.store.transaction(async (tx) => {
      await tx.users.lockHousehold(first.communityId, { buildingId: first.buildingId, room: first.room })
      // Two slots: locked in time order, so two moves between the same slots cannot deadlock.
      for (const startsAt of [first.startsAt, target.startsAt].sort()) await tx.bookings.lockSlot(service.id, startsAt)
      const booking = await visibleBooking(tx, actor, first.id, true)
      if (booking.startsAt !== first.startsAt) throw conflict('预约刚刚有变化，请刷新后重试')
      const slot = { startsAt: booking.startsAt, endsAt: booking.endsAt }
      const status = stepRefusal('reschedule', booking.status, slot, now)
      if (status) throw statusAllows('reschedule', booking.status) ? forbidden(status) : conflict(status)
      const late = staff ? null : changeRefusal(service.rules, booking.startsAt, now, 'reschedule')
      if (late) throw forbidden(late)
      const timing = timingRefusal(staff ? { ...service.rules, minNoticeMinutes: 0 } : service.rules, target.startsAt, now)
      if (timing) throw validationError({ startsAt: timing })
      if (service.status !== 'published') throw forbidden(SERVICE_PAUSED)
      const household = { communityId: booking.communityId, buildingId: booking.buildingId, room: booking.room }
      const limit = limitRefusal(service.rules, await countInPeriod(tx, service, household, target.startsAt, booking.id))
      if (limit) throw validationError({ startsAt: limit })
      if (await tx.bookings.findActive(booking.personId, service.id, target.startsAt)) throw conflict('该时段已有您的预约')
      const { left, waiting } = await slotState(tx, service, target.startsAt)
      if (left <= 0 || waiting > 0) throw conflict('新时段已约满，请选择其他时段')
      const checkInCode = await freshCode(tx, this.rt, service.id, target.startsAt)
      await tx.bookings.update(
        booking.id,
        { startsAt: target.startsAt, endsAt: target.endsAt, checkInCode },
        { at: now.toISOString(), action: 'rescheduled', byName: actor.name, note: `由${chinaTime(booking.startsAt)}改至${chinaTime(target.startsAt)}` },
      )
      await scheduleSeatJobs(tx, this.rt, { ...booking, startsAt: target.startsAt, endsAt: target.endsAt }, now)
      return promoteLine(tx, this.rt, service, booking.startsAt, now)
    })
    this.notify.promoted(promoted, service, now.toISOString())
    return (await bookingViews(this.store, [(await this.store.bookings.find(first.id))!], actor, this.rt.now()))[0]
  }

  /**
   * Before deciding for a new booker: a slot of the caller's community whose free seats have a line
   * gives them to it first. Answers the service it read (null: no service of the caller's community).
   */
  private async fillLine(actor: Actor, serviceId: unknown, startsAt: unknown): Promise<ServiceRecord | null> {
    if (typeof serviceId !== 'string' || typeof startsAt !== 'string' || actor.communityId === null) return null
    const service = await this.store.services.find(serviceId)
    if (!service || service.communityId !== actor.communityId) return null
    const slot = slotAt(service, startsAt)
    if (slot) this.notify.promoted(await fillFreeSeats(this.store, this.rt, service, slot.startsAt), service, this.rt.now().toISOString())
    return service
  }
}
