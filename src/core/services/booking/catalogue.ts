import type { HouseholdTagsInput, ServiceInput, ServiceQuery, SlotQuery } from '../../../../types/api'
import type { BookingHousehold, Building, HouseholdTag, Service, SlotDay } from '../../../../types/domain'
import type { Actor } from '../../../domain/actor'
import { addDays, daysBetween, isDate, startOfBeijingDay, weekdayOf } from '../../../domain/beijing-time'
import { eligibilityOf, HOUSEHOLD_TAGS, SERVICE_PAUSED, timingRefusal } from '../../../domain/booking/rules'
import { MAX_QUERY_DAYS, slotsOfDays } from '../../../domain/booking/slots'
import { seatsLeft } from '../../../domain/booking/waitlist'
import { normaliseSchedule, validateService } from '../../../domain/booking/service-validation'
import { DATE_MESSAGES, dateProblem } from '../../../domain/instants'
import { cleanText } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { forbidden, malformed, requireCommunity, validationError } from '../../errors'
import type { ServiceRecord, Store } from '../../ports'
import { createOnce, isObject } from '../consultation/shared'
import { NOT_VERIFIED } from './book'
import type { BookingNotifications } from './notify'
import { fillFreeSeats } from './seats'
import { canSeeService, isServiceStaff, serviceOf, visibleService } from './views'

/** The longest room number a household is named by. */
const ROOM_MAX = 20

/** How far ahead a raised capacity looks for lines (beyond the longest booking window, 90 days). */
const LINE_HORIZON_DAYS = 366

/** The catalogue: services as staff publish them, each with the asking household's eligibility; their slots with seats left. */
export class Catalogue {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notify: BookingNotifications,
  ) {}

  async list(caller: Caller, query: ServiceQuery = {}): Promise<Service[]> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    const all = query.all === true && isServiceStaff(actor, communityId)
    const records = await this.store.services.list(communityId, all ? undefined : ['published'])
    const tags = await this.tagsOf(actor)
    return records.filter((s) => canSeeService(actor, s) && (query.kind === undefined || s.kind === query.kind)).map((s) => serviceOf(s, eligibilityFor(s, tags)))
  }

  async get(caller: Caller, id: unknown): Promise<Service> {
    const record = await visibleService(this.store, caller.actor, id)
    return serviceOf(record, eligibilityFor(record, await this.tagsOf(caller.actor)))
  }

  async create(caller: Caller, input: ServiceInput, options: { idempotencyKey: unknown }): Promise<Service> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以发布服务')
    return createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'service', key: options.idempotencyKey, input, idPrefix: 'svc' },
      async (_tx, id, at) => {
        const record: ServiceRecord = { ...cleanService(input), id, communityId, updatedAt: at.toISOString(), createdAt: at.toISOString(), createdById: actor.id }
        return (w) => w.services.insert(record)
      },
      async (repos, id) => serviceOf((await repos.services.find(id))!),
    )
  }

  async update(caller: Caller, id: unknown, input: ServiceInput): Promise<Service> {
    const { actor } = caller
    const existing = await visibleService(this.store, actor, id)
    if (!isServiceStaff(actor, existing.communityId)) throw forbidden('只有社区工作者可以修改服务')
    const record: ServiceRecord = { ...existing, ...cleanService(input), updatedAt: this.rt.now().toISOString() }
    await this.store.services.update(record)
    if (record.capacity > existing.capacity) await this.fillLines(record)
    return serviceOf(record)
  }

  /** A capacity raised: the coming slots' lines take the new seats, in order, and are told. */
  private async fillLines(service: ServiceRecord): Promise<void> {
    const now = this.rt.now()
    const until = new Date(now.getTime() + LINE_HORIZON_DAYS * 86_400_000).toISOString()
    const counts = await this.store.bookings.slotCounts(service.id, now.toISOString(), until)
    for (const c of counts) {
      if (c.waitlist === 0 || seatsLeft(service.capacity, c.held) === 0) continue
      this.notify.promoted(await fillFreeSeats(this.store, this.rt, service, c.startsAt), service, this.rt.now().toISOString())
    }
  }

  /** The service's days with their slots: seats left and the line, and whether the asking resident may book each now. */
  async slots(caller: Caller, serviceId: unknown, query: SlotQuery): Promise<SlotDay[]> {
    const { actor } = caller
    const service = await visibleService(this.store, actor, serviceId)
    const from = query?.from
    const to = query?.to
    if (!isDate(from) || !isDate(to)) throw malformed({ from: DATE_MESSAGES.format })
    const outside = dateProblem(from) ?? dateProblem(to)
    if (outside) throw malformed({ [dateProblem(from) ? 'from' : 'to']: DATE_MESSAGES[outside] })
    const span = daysBetween(from, to)
    if (span < 0 || span >= MAX_QUERY_DAYS) throw malformed({ to: `一次最多查看${MAX_QUERY_DAYS}天` })
    const now = this.rt.now()
    const rangeFrom = startOfBeijingDay(from)
    const rangeTo = startOfBeijingDay(addDays(to, 1))
    const [counts, mine] = await Promise.all([
      this.store.bookings.slotCounts(service.id, rangeFrom, rangeTo),
      this.store.bookings.listUpcoming(actor.id, now.toISOString(), 50),
    ])
    const byStart = new Map(counts.map((c) => [c.startsAt, c]))
    const staff = isServiceStaff(actor, service.communityId)
    const rules = staff ? { ...service.rules, minNoticeMinutes: 0 } : service.rules
    return slotsOfDays(service, from, to).map((day) => ({
      date: day.date,
      weekday: weekdayOf(day.date),
      closed: day.closed,
      ...(day.note ? { note: day.note } : {}),
      slots: day.slots.map((slot) => {
        const count = byStart.get(slot.startsAt)
        const reason = service.status !== 'published' ? SERVICE_PAUSED : timingRefusal(rules, slot.startsAt, now)
        const own = mine.find((b) => b.serviceId === service.id && b.startsAt === slot.startsAt)
        return {
          serviceId: service.id,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          capacity: service.capacity,
          seatsLeft: seatsLeft(service.capacity, count?.held ?? 0),
          waitlist: count?.waitlist ?? 0,
          bookable: reason === null,
          ...(reason ? { reason } : {}),
          ...(own ? { myBookingId: own.id } : {}),
        }
      }),
    }))
  }

  /** Staff: a household of their community, its verified members (whom to book for) and its tags. */
  async household(caller: Caller, buildingId: unknown, room: unknown): Promise<BookingHousehold> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以查看住户')
    const { building, room: home } = await this.householdIn(communityId, buildingId, room)
    const [members, tags] = await Promise.all([
      this.store.users.listHousehold(communityId, { buildingId: building.id, room: home }),
      this.store.householdTags.find({ communityId, buildingId: building.id, room: home }),
    ])
    return { buildingId: building.id, buildingName: building.name, room: home, members, tags }
  }

  /** Staff tag a household of their community (高龄 / 残疾 / 低保). */
  async setTags(caller: Caller, input: HouseholdTagsInput): Promise<HouseholdTagsInput> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以登记住户类别')
    if (!isObject(input)) throw malformed({ body: '请求内容无效' })
    const { building, room } = await this.householdIn(communityId, input.buildingId, input.room)
    const tags = input.tags
    if (!Array.isArray(tags) || tags.some((t) => !HOUSEHOLD_TAGS.includes(t as HouseholdTag))) throw validationError({ tags: '类别只能是高龄、残疾、低保' })
    const unique = HOUSEHOLD_TAGS.filter((t) => tags.includes(t))
    await this.store.householdTags.save({ communityId, buildingId: building.id, room }, unique, this.rt.now().toISOString(), actor.id)
    return { buildingId: building.id, room, tags: unique }
  }

  /** A household of the community as a request names it: a building of the community and a room. */
  private async householdIn(communityId: string, buildingId: unknown, room: unknown): Promise<{ building: Building; room: string }> {
    const building = typeof buildingId === 'string' && buildingId.length <= 64 ? await this.store.directory.findBuilding(buildingId) : null
    if (!building || building.communityId !== communityId) throw validationError({ buildingId: '请选择本社区的楼栋' })
    const home = typeof room === 'string' ? cleanText(room) : ''
    if (home.length === 0) throw validationError({ room: '请填写房号' })
    if (home.length > ROOM_MAX) throw validationError({ room: `房号不能超过${ROOM_MAX}个字` })
    return { building, room: home }
  }

  private async tagsOf(actor: Actor): Promise<HouseholdTag[] | null> {
    if (!actor.home || actor.communityId === null) return null
    return this.store.householdTags.find({ communityId: actor.communityId, ...actor.home })
  }
}

/** Whether the asking resident's household may book: not without a verified home; else by the service's tags. */
function eligibilityFor(service: ServiceRecord, tags: HouseholdTag[] | null): Service['myEligibility'] {
  if (tags === null) return { eligible: false, reason: NOT_VERIFIED }
  return eligibilityOf(service, tags)
}

/** A service input checked and cleaned (texts trimmed, schedule sorted). */
function cleanService(input: ServiceInput): Omit<ServiceRecord, 'id' | 'communityId' | 'updatedAt' | 'createdAt' | 'createdById'> {
  if (!isObject(input)) throw malformed({ body: '请求内容无效' })
  const errors = validateService(input as unknown as Record<string, unknown>)
  if (hasErrors(errors)) throw validationError(errors)
  const { hours, exceptions } = normaliseSchedule(input.hours, input.exceptions)
  return {
    name: cleanText(input.name),
    kind: input.kind,
    description: cleanText(input.description),
    location: input.location.kind === 'home' ? { kind: 'home' } : { kind: 'address', address: cleanText(input.location.address) },
    provider: cleanText(input.provider),
    durationMinutes: input.durationMinutes,
    bufferMinutes: input.bufferMinutes,
    capacity: input.capacity,
    eligibility: [...input.eligibility],
    questions: input.questions.map((q) => ({ id: q.id, label: cleanText(q.label), kind: q.kind, required: q.required, ...(q.max !== undefined ? { max: q.max } : {}) })),
    requiresConfirmation: input.requiresConfirmation,
    rules: {
      minNoticeMinutes: input.rules.minNoticeMinutes,
      maxDaysAhead: input.rules.maxDaysAhead,
      changeCutoffMinutes: input.rules.changeCutoffMinutes,
      ...(input.rules.householdLimit ? { householdLimit: { count: input.rules.householdLimit.count, period: input.rules.householdLimit.period } } : {}),
    },
    hours: hours.map((h) => ({ weekday: h.weekday, start: h.start, end: h.end })),
    exceptions: exceptions.map((e) => (e.kind === 'closed' ? { date: e.date, kind: 'closed', note: cleanText(e.note) } : { date: e.date, kind: 'extra', start: e.start, end: e.end, note: cleanText(e.note) })),
    status: input.status,
  }
}
