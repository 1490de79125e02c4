import type { BookingExportQuery, PageQuery } from '../../../../types/api'
import type { Booking, MyBookings, Page, ServiceDay } from '../../../../types/domain'
import { addDays, beijingClock, beijingDate, isDate, startOfBeijingDay } from '../../../domain/beijing-time'
import { STATUS_LABEL } from '../../../domain/booking/lifecycle'
import { slotsOfDay } from '../../../domain/booking/slots'
import { DATE_MESSAGES, dateProblem } from '../../../domain/instants'
import { seatsLeft } from '../../../domain/booking/waitlist'
import type { Caller, Runtime } from '../../context'
import { forbidden, malformed, requireCommunity, validationError } from '../../errors'
import { issuedId, issuedInstant, pageLimit } from '../../paging'
import { SEAT_HOLDING, type BookingRecord, type StartKeyset, type Store } from '../../ports'
import { pauseFor } from './book'
import { bookingViews, isServiceStaff, serviceOf, visibleBooking, visibleService, whereOf } from './views'

const BAD_CURSOR = '分页参数无效，请刷新'
/** The most rows one export holds (a month of a busy community is a few thousand). */
export const EXPORT_MAX_ROWS = 10_000

export function encodeStartCursor(b: StartKeyset): string {
  return `${b.startsAt}|${b.id}`
}

function parseStartCursor(cursor: string | undefined): StartKeyset | null {
  if (cursor === undefined) return null
  const [startsAt, id, extra] = typeof cursor === 'string' ? cursor.split('|') : []
  const at = startsAt ? issuedInstant(startsAt) : null
  if (!at || !id || extra !== undefined || !issuedId(id)) throw malformed({ cursor: BAD_CURSOR })
  return { startsAt: at, id }
}

/** A spreadsheet as rows: the server writes it as .xlsx. */
export interface ExportTable {
  fileName: string
  sheetName: string
  columns: string[]
  rows: string[][]
}

/** 我的预约 for residents, and the staff's desk: a service's day, the bookings to confirm, exports. */
export class BookingDesk {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  async booking(caller: Caller, id: unknown): Promise<Booking> {
    const record = await visibleBooking(this.store, caller.actor, id)
    return (await bookingViews(this.store, [record], caller.actor, this.rt.now()))[0]
  }

  async mine(caller: Caller): Promise<MyBookings> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    const now = this.rt.now()
    const upcoming = await this.store.bookings.listUpcoming(actor.id, now.toISOString(), 50)
    const pause = actor.home ? await pauseFor(this.store, { communityId, ...actor.home }, now) : null
    return { upcoming: await bookingViews(this.store, upcoming, actor, now), ...(pause ? { pause } : {}) }
  }

  async past(caller: Caller, query?: PageQuery): Promise<Page<Booking>> {
    const { actor } = caller
    requireCommunity(actor)
    const limit = pageLimit(query)
    const now = this.rt.now()
    const rows = await this.store.bookings.listPast(actor.id, now.toISOString(), parseStartCursor(query?.cursor), limit + 1)
    const items = await bookingViews(this.store, rows.slice(0, limit), actor, now)
    return { items, ...(rows.length > limit ? { nextCursor: encodeStartCursor(rows[limit - 1]) } : {}) }
  }

  /** Staff: a service's Beijing day, slot by slot with every booking (a booking of a slot since removed from the hours keeps its own row). */
  async day(caller: Caller, serviceId: unknown, date: unknown): Promise<ServiceDay> {
    const { actor } = caller
    const service = await visibleService(this.store, actor, serviceId)
    if (!isServiceStaff(actor, service.communityId)) throw forbidden('只有社区工作者可以查看预约名单')
    const problem = dateProblem(date)
    if (problem || !isDate(date)) throw malformed({ date: DATE_MESSAGES[problem ?? 'format'] })
    const now = this.rt.now()
    const records = await this.store.bookings.listForService(service.id, startOfBeijingDay(date), startOfBeijingDay(addDays(date, 1)))
    const views = await bookingViews(this.store, records, actor, now)
    const starts = new Map(slotsOfDay(service, date).slots.map((s) => [s.startsAt, s.endsAt]))
    for (const r of records) if (!starts.has(r.startsAt)) starts.set(r.startsAt, r.endsAt)
    const slots = [...starts.entries()]
      .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
      .map(([startsAt, endsAt]) => {
        const here = views.filter((b) => b.startsAt === startsAt)
        const held = here.filter((b) => SEAT_HOLDING.includes(b.status)).length
        return {
          serviceId: service.id,
          startsAt,
          endsAt,
          capacity: service.capacity,
          seatsLeft: seatsLeft(service.capacity, held),
          waitlist: here.filter((b) => b.status === 'waitlisted').length,
          bookable: false,
          bookings: here,
        }
      })
    return { service: serviceOf(service), date, slots }
  }

  async pending(caller: Caller, query?: PageQuery): Promise<Page<Booking>> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以确认预约')
    const limit = pageLimit(query)
    const now = this.rt.now()
    const rows = await this.store.bookings.listPending(communityId, now.toISOString(), parseStartCursor(query?.cursor), limit + 1)
    const items = await bookingViews(this.store, rows.slice(0, limit), actor, now)
    return { items, ...(rows.length > limit ? { nextCursor: encodeStartCursor(rows[limit - 1]) } : {}) }
  }

  /** Staff: a day's (YYYY-MM-DD) or a month's (YYYY-MM) bookings, of one service or all, as rows with the phone the booker gave. */
  async exportTable(caller: Caller, query: BookingExportQuery): Promise<ExportTable> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!isServiceStaff(actor, communityId)) throw forbidden('只有社区工作者可以导出预约')
    const period: unknown = query?.period
    let from: string
    let to: string
    if (isDate(period)) {
      from = period
      to = addDays(period, 1)
    } else if (typeof period === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
      from = `${period}-01`
      const next = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1))
      to = next.toISOString().slice(0, 10)
    } else throw malformed({ period: '请选择要导出的日期（YYYY-MM-DD）或月份（YYYY-MM）' })
    if (dateProblem(from)) throw malformed({ period: DATE_MESSAGES.range })
    const service = query?.serviceId !== undefined ? await visibleService(this.store, actor, query.serviceId) : null
    // One more than a workbook takes: a period over the limit is refused, never cut off unsaid.
    const records = service
      ? await this.store.bookings.listForService(service.id, startOfBeijingDay(from), startOfBeijingDay(to), EXPORT_MAX_ROWS + 1)
      : await this.store.bookings.listForCommunity(communityId, startOfBeijingDay(from), startOfBeijingDay(to), EXPORT_MAX_ROWS + 1)
    if (records.length > EXPORT_MAX_ROWS) throw validationError({ period: `所选时段的预约超过${EXPORT_MAX_ROWS}条，请按单项服务或按天导出` })
    const services = new Map((await this.store.services.list(communityId)).map((s) => [s.id, { name: s.name, where: whereOf(s) }]))
    const buildings = new Map((await this.store.directory.listBuildings(communityId)).map((b) => [b.id, b.name]))
    const label = service ? service.name : '全部服务'
    return {
      fileName: `预约名单-${label}-${period}.xlsx`,
      sheetName: period,
      columns: ['日期', '时间', '服务', '地点', '住户', '预约人', '预约信息', '状态', '签到码', '代约人', '取消或拒绝原因', '评价'],
      rows: records.map((r) => rowOf(r, services.get(r.serviceId) ?? { name: '', where: '' }, buildings.get(r.buildingId) ?? '')),
    }
  }
}

function rowOf(r: BookingRecord, service: { name: string; where: string }, building: string): string[] {
  return [
    beijingDate(r.startsAt),
    `${beijingClock(r.startsAt)}–${beijingClock(r.endsAt)}`,
    service.name,
    service.where,
    `${building}${r.room}`,
    r.personName,
    r.answers.map((a) => `${a.label}：${a.value}`).join('；'),
    STATUS_LABEL[r.status],
    r.checkInCode ?? '',
    r.bookedByName ?? '',
    r.cancellation?.reason ?? r.rejection?.reason ?? '',
    r.rating ? `${r.rating.stars}星 ${r.rating.comment}`.trim() : '',
  ]
}
