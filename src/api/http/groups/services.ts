import type { BookingInput, ServiceInput } from '../../../../types/api'
import type { ScheduleException } from '../../../../types/domain'
import type { ServicesApi } from '../../client'
import type { BookingInputBody, ServiceInputBody } from '../contract-types'
import { services as e } from '../endpoints/services'
import { compact, pageQuery } from './bodies'
import type { HttpContext } from './context'

// The contract's bodies, field by field: a stray field (say a view's own) would be a 400.

const exceptionBody = (x: ScheduleException): ServiceInputBody['exceptions'][number] =>
  x.kind === 'closed' ? { date: x.date, kind: 'closed', note: x.note } : { date: x.date, kind: 'extra', start: x.start, end: x.end, note: x.note }

const serviceBody = (input: ServiceInput): ServiceInputBody => ({
  name: input.name,
  kind: input.kind,
  description: input.description,
  location: input.location.kind === 'home' ? { kind: 'home' } : { kind: 'address', address: input.location.address },
  provider: input.provider,
  durationMinutes: input.durationMinutes,
  bufferMinutes: input.bufferMinutes,
  capacity: input.capacity,
  eligibility: [...input.eligibility],
  questions: input.questions.map((q) => compact({ id: q.id, label: q.label, kind: q.kind, required: q.required, max: q.max })),
  requiresConfirmation: input.requiresConfirmation,
  rules: compact({
    minNoticeMinutes: input.rules.minNoticeMinutes,
    maxDaysAhead: input.rules.maxDaysAhead,
    householdLimit: input.rules.householdLimit ? { count: input.rules.householdLimit.count, period: input.rules.householdLimit.period } : undefined,
    changeCutoffMinutes: input.rules.changeCutoffMinutes,
  }),
  hours: input.hours.map(({ weekday, start, end }) => ({ weekday, start, end })),
  exceptions: input.exceptions.map(exceptionBody),
  status: input.status,
})

const bookingBody = (input: BookingInput): BookingInputBody =>
  compact({ serviceId: input.serviceId, startsAt: input.startsAt, answers: { ...input.answers }, waitlist: input.waitlist, forUserId: input.forUserId })

/** Service booking over the reference server's routes (types/routes.ts, issue 12); the export is a file answer (.xlsx bytes). */
export function servicesApi({ call }: HttpContext): ServicesApi {
  return {
    list: (query = {}) => call(e.list, { query: compact({ kind: query.kind, all: query.all }) }),
    get: (serviceId) => call(e.get, { params: { id: serviceId } }),
    listSlots: (serviceId, { from, to }) => call(e.listSlots, { params: { id: serviceId }, query: { from, to } }),
    book: (input, { idempotencyKey }) => call(e.book, { body: bookingBody(input), idempotencyKey }),
    booking: (bookingId) => call(e.booking, { params: { id: bookingId } }),
    exportBookings: (query) => call(e.exportBookings, { query: compact({ period: query.period, serviceId: query.serviceId }) }),
    mine: () => call(e.mine),
    listPast: (query) => call(e.listPast, { query: pageQuery(query) }),
    cancel: (bookingId, { reason }) => call(e.cancel, { params: { id: bookingId }, body: { reason } }),
    reschedule: (bookingId, { startsAt }) => call(e.reschedule, { params: { id: bookingId }, body: { startsAt } }),
    rate: (bookingId, { stars, comment }) => call(e.rate, { params: { id: bookingId }, body: { stars, comment } }),

    create: (input, { idempotencyKey }) => call(e.create, { body: serviceBody(input), idempotencyKey }),
    update: (serviceId, input) => call(e.update, { params: { id: serviceId }, body: serviceBody(input) }),
    day: (serviceId, date) => call(e.day, { params: { id: serviceId, date } }),
    listPending: (query) => call(e.listPending, { query: pageQuery(query) }),
    confirm: (bookingId) => call(e.confirm, { params: { id: bookingId } }),
    reject: (bookingId, { reason }) => call(e.reject, { params: { id: bookingId }, body: { reason } }),
    checkIn: ({ code, serviceId }) => call(e.checkIn, { body: compact({ code, serviceId }) }),
    complete: (bookingId) => call(e.complete, { params: { id: bookingId } }),
    markNoShow: (bookingId) => call(e.markNoShow, { params: { id: bookingId } }),
    household: (buildingId, room) => call(e.household, { query: { buildingId, room } }),
    setHouseholdTags: ({ buildingId, room, tags }) => call(e.setHouseholdTags, { body: { buildingId, room, tags: [...tags] } }),
  }
}
