import type { BookingRatingInput, CancelInput, CheckInInput } from '../../../../types/api'
import type { Booking } from '../../../../types/domain'
import { chinaTime } from '../../../domain/beijing-time'
import { parseCheckIn } from '../../../domain/booking/check-in'
import { CHECK_IN_EARLY_MINUTES, statusAllows, stepRefusal, type BookingStep } from '../../../domain/booking/lifecycle'
import { changeRefusal } from '../../../domain/booking/rules'
import { validateBookingRating, validateBookingReason } from '../../../domain/booking/validation'
import { cleanText } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { conflict, forbidden, notFound, requireCommunity, validationError } from '../../errors'
import { SEAT_HOLDING, type BookingPatch, type BookingRecord, type ServiceRecord, type Store } from '../../ports'
import { pauseFor } from './book'
import type { BookingNotifications } from './notify'
import { promoteLine } from './seats'
import { BOOKING_NOT_FOUND, bookingViews, isServiceStaff, SERVICE_NOT_FOUND, visibleBooking } from './views'

const DAY_MS = 86_400_000

type Outcome = { record: BookingRecord; service: ServiceRecord; promoted: BookingRecord[] }

/** A booking's steps after it was made: cancel, confirm, reject, check in, complete, no-show, rate. */
export class BookingLife {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notify: BookingNotifications,
  ) {}

  async cancel(caller: Caller, id: unknown, input: CancelInput): Promise<Booking> {
    const errors = validateBookingReason(input?.reason, '取消')
    if (hasErrors(errors)) throw validationError(errors)
    const reason = cleanText(input.reason)
    const { actor } = caller
    const out = await this.change(caller, id, 'cancel', (booking, service, now) => {
      const staff = isServiceStaff(actor, booking.communityId)
      if (booking.personId !== actor.id && !staff) throw forbidden('只有预约人或社区工作者可以取消')
      const late = staff || booking.status === 'waitlisted' ? null : changeRefusal(service.rules, booking.startsAt, now, 'cancel')
      if (late) throw forbidden(late)
      const by = booking.personId === actor.id ? 'resident' : 'staff'
      return { status: 'cancelled', cancellation: { by, reason, at: now.toISOString(), byName: actor.name } }
    }, reason)
    if (out.record.cancellation?.by === 'staff') this.notify.tell('cancelled', out.record, out.service, out.record.updatedAt, `社区已取消：${reason}`.slice(0, 20))
    return this.answer(caller, out)
  }

  async confirm(caller: Caller, id: unknown): Promise<Booking> {
    const out = await this.staffStep(caller, id, 'confirm', () => ({ status: 'confirmed' }))
    this.notify.tell('confirmed', out.record, out.service, out.record.updatedAt, '社区已确认，请按时到场')
    return this.answer(caller, out)
  }

  async reject(caller: Caller, id: unknown, input: CancelInput): Promise<Booking> {
    const errors = validateBookingReason(input?.reason, '拒绝')
    if (hasErrors(errors)) throw validationError(errors)
    const reason = cleanText(input.reason)
    const out = await this.staffStep(caller, id, 'reject', (_b, _s, now) => ({ status: 'rejected', rejection: { reason, at: now.toISOString(), byName: caller.actor.name } }), reason)
    this.notify.tell('rejected', out.record, out.service, out.record.updatedAt, reason.slice(0, 20))
    return this.answer(caller, out)
  }

  /** Staff check a booking in by its code, typed or scanned; a typed code is looked up among the bookings open for check-in now. */
  async checkIn(caller: Caller, input: CheckInInput): Promise<Booking> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以签到')
    const parsed = parseCheckIn(input?.code)
    if (!parsed) throw validationError({ code: '请输入6位签到码' })
    let id = parsed.bookingId
    if (!id) {
      // A typed code: the community's bookings with it whose check-in window holds now (from 2 hours before the start to the end).
      const now = this.rt.now()
      const found = (await this.store.bookings.findByCode(communityId, parsed.code, new Date(now.getTime() - DAY_MS).toISOString(), new Date(now.getTime() + CHECK_IN_EARLY_MINUTES * 60_000 + 1).toISOString())).filter(
        (b) => (input.serviceId === undefined || b.serviceId === input.serviceId) && Date.parse(b.endsAt) > now.getTime(),
      )
      if (found.length === 0) throw validationError({ code: '签到码不正确，或预约不在签到时间内（开始前2小时至结束）' })
      // A cancelled or finished booking keeps its code: one still to come in takes precedence.
      const open = found.filter((b) => b.status === 'confirmed' || b.status === 'pending')
      const meant = open.length > 0 ? open : found
      if (meant.length > 1) throw validationError({ code: '多项服务有相同的签到码，请在该服务的当日名单中签到' })
      id = meant[0].id
    }
    const out = await this.staffStep(caller, id, 'check_in', (booking) => {
      if (booking.checkInCode !== parsed.code) throw validationError({ code: '签到码与预约不符' })
      return { status: 'checked_in' }
    })
    return this.answer(caller, out)
  }

  async complete(caller: Caller, id: unknown): Promise<Booking> {
    return this.answer(caller, await this.staffStep(caller, id, 'complete', () => ({ status: 'done' })))
  }

  /** After the start, staff mark a booking not come; a third in 60 days pauses the household, which its person is told. */
  async markNoShow(caller: Caller, id: unknown): Promise<Booking> {
    const out = await this.staffStep(caller, id, 'no_show', () => ({ status: 'no_show' }))
    const household = { communityId: out.record.communityId, buildingId: out.record.buildingId, room: out.record.room }
    const pause = await pauseFor(this.store, household, this.rt.now())
    if (pause && pause.noShows.includes(out.record.startsAt)) this.notify.tell('paused', out.record, out.service, out.record.updatedAt, `预约暂停至${chinaTime(pause.until)}`)
    return this.answer(caller, out)
  }

  async rate(caller: Caller, id: unknown, input: BookingRatingInput): Promise<Booking> {
    const errors = validateBookingRating(input?.stars, input?.comment)
    if (hasErrors(errors)) throw validationError(errors)
    const { actor } = caller
    const mine = (booking: BookingRecord) => {
      if (booking.personId !== actor.id) throw forbidden('只有预约人可以评价')
    }
    const out = await this.change(
      caller,
      id,
      'rate',
      (booking, _s, now) => {
        if (booking.rating) throw conflict('您已评价过这次服务')
        return { rating: { stars: input.stars, comment: cleanText(input.comment ?? ''), at: now.toISOString() } }
      },
      undefined,
      mine,
    )
    return this.answer(caller, out)
  }

  private staffStep(caller: Caller, id: unknown, step: BookingStep, patch: (b: BookingRecord, s: ServiceRecord, now: Date) => BookingPatch, note?: string): Promise<Outcome> {
    const permit = (booking: BookingRecord) => {
      if (!isServiceStaff(caller.actor, booking.communityId)) throw forbidden('只有社区工作者可以办理预约')
    }
    return this.change(caller, id, step, patch, note, permit)
  }

  /**
   * One step under the slot's lock: the booking read afresh (its slot may have moved), who may take
   * the step (`permit`), the step checked against its status and time, the patch written with its history entry, and a freed
   * seat given to the first in line.
   */
  private async change(
    caller: Caller,
    id: unknown,
    step: BookingStep,
    patch: (b: BookingRecord, s: ServiceRecord, now: Date) => BookingPatch,
    note?: string,
    permit?: (b: BookingRecord) => void,
  ): Promise<Outcome> {
    const { actor } = caller
    const first = await visibleBooking(this.store, actor, id)
    const service = await this.store.services.find(first.serviceId)
    if (!service) throw notFound(SERVICE_NOT_FOUND)
    const now = this.rt.now()
    return this.store.transaction(async (tx) => {
      await tx.bookings.lockSlot(first.serviceId, first.startsAt)
      const booking = await tx.bookings.findForUpdate(first.id)
      if (!booking) throw notFound(BOOKING_NOT_FOUND)
      if (booking.startsAt !== first.startsAt) throw conflict('预约刚刚有变化，请刷新后重试')
      permit?.(booking)
      // The booking's status refuses it (e.g. checked in already): a conflict, as a report's move; its time: forbidden.
      const refusal = stepRefusal(step, booking.status, booking, now)
      if (refusal) throw statusAllows(step, booking.status) ? forbidden(refusal) : conflict(refusal)
      const changes = patch(booking, service, now)
      const action = step === 'check_in' ? 'checked_in' : step === 'complete' ? 'done' : step === 'rate' ? 'rated' : step === 'confirm' ? 'confirmed' : step === 'reject' ? 'rejected' : step === 'no_show' ? 'no_show' : 'cancelled'
      const event = { at: now.toISOString(), action, byName: actor.name, ...(note ? { note } : step === 'rate' && changes.rating ? { note: `${changes.rating.stars}星` } : {}) } as const
      await tx.bookings.update(booking.id, changes, event)
      const record: BookingRecord = { ...booking, ...changes, history: [...booking.history, event], updatedAt: event.at }
      const freed = SEAT_HOLDING.includes(booking.status) && !SEAT_HOLDING.includes(record.status)
      const promoted = freed ? await promoteLine(tx, this.rt, service, booking.startsAt, now) : []
      return { record, service, promoted }
    }).then((out) => {
      this.notify.promoted(out.promoted, out.service, now.toISOString())
      return out
    })
  }

  private async answer(caller: Caller, out: Outcome): Promise<Booking> {
    return (await bookingViews(this.store, [out.record], caller.actor, this.rt.now(), [out.service]))[0]
  }
}
