import { makeAutoObservable, runInAction } from 'mobx'
import type { BookingExportQuery, HouseholdTagsInput } from '../../types/api'
import type { Booking, HouseholdClaim, HouseholdTag, Service, ServiceDay } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf, type ApiErrorKind } from '../api/errors'
import { checkInQrText, parseCheckIn } from '../domain/booking/check-in'
import { validateBookingReason } from '../domain/booking/validation'
import { beijingDate } from '../domain/beijing-time'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { taroStorage, type KeyValueStorage } from '../platform/storage'
import { PagedList } from './paged-list'
import { ServiceEditor } from './service-editor'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20
/** How many pending bookings the desk counts before it says "50+". */
const PENDING_COUNT_PAGE = 50
/** Refusals saying a booking is not as the desk shows it: what shows it is read again. */
const STALE_KINDS: readonly ApiErrorKind[] = ['conflict', 'forbidden', 'not_found']

export type StepOutcome = { ok: true; booking: Booking } | { ok: false; message: string; fields: FieldErrors }

/**
 * The name a workbook is saved under: the backend's, made safe for a file path, or (none given, e.g.
 * a Content-Disposition a cross-origin page cannot read) 预约名单-<period>.xlsx.
 */
export function workbookName(given: string | undefined, period: string): string {
  const safe = (given ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim()
  if (!safe || /^[.-]+$/.test(safe)) return `预约名单-${period}.xlsx`
  return /\.xlsx$/i.test(safe) ? safe : `${safe}.xlsx`
}

/** The key of a service's day. */
export const dayKey = (serviceId: string, date: string): string => `${serviceId}|${date}`
/** The key of a household. */
export const householdKey = (buildingId: string, room: string): string => `${buildingId}|${room}`

/** The staff's booking desk: a service's day with check-in, bookings to confirm, publishing and editing services, 代约, household tags, exports. */
export class BookingDeskStore {
  /** Every service of the community (drafts and retired ones too). */
  services: Service[] = []
  servicesLoaded = false
  servicesLoading = false
  servicesError: string | null = null
  /** Days read, by dayKey. */
  days = new Map<string, ServiceDay>()
  dayErrors = new Map<string, string>()
  /** How many bookings wait to be confirmed (null: not read yet), and whether there are more than counted. */
  pendingCount: number | null = null
  pendingMore = false
  /** The booking a step is being sent for (one at a time), and why a step was refused, by booking id. */
  busyId: string | null = null
  rowErrors: Record<string, string> = {}
  checkInBusy = false
  checkInError: string | null = null
  lastCheckedIn: Booking | null = null
  /** Tags saved on this device, by householdKey (the backend answers what it stored). */
  savedTags = new Map<string, HouseholdTag[]>()
  tagsBusy = false
  exportBusy = false
  /** 代约: the verified members of the household looked up (null: not looked up yet). */
  residents: Array<Pick<HouseholdClaim, 'userId' | 'name' | 'phoneMasked'>> | null = null
  residentsLoading = false
  residentsError: string | null = null
  /** The householdKey the residents are (being) looked up for: an answer for another one is dropped. */
  residentsFor: string | null = null
  readonly editor: ServiceEditor
  private readonly pending: PagedList<Booking>
  private storageImpl: KeyValueStorage | null

  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
    storage?: KeyValueStorage,
  ) {
    this.storageImpl = storage ?? null
    this.pending = new PagedList((cursor) => api.services.listPending({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }))
    this.editor = new ServiceEditor(api, () => this.storage)
    makeAutoObservable<BookingDeskStore, 'api' | 'pending' | 'storageImpl' | 'storage'>(
      this,
      { api: false, pending: false, storageImpl: false, storage: false, editor: false },
      { autoBind: true },
    )
    onSignOut(this.clear)
  }

  private get storage(): KeyValueStorage {
    if (!this.storageImpl) this.storageImpl = taroStorage()
    return this.storageImpl
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  /** Whether the backend can make a workbook of bookings. */
  get canExport(): boolean {
    return typeof this.api.services.exportBookings === 'function'
  }

  get published(): Service[] {
    return this.services.filter((s) => s.status === 'published')
  }

  service(id: string): Service | undefined {
    return this.services.find((s) => s.id === id) ?? [...this.days.values()].find((d) => d.service.id === id)?.service
  }

  async loadServices(): Promise<void> {
    if (!this.available || this.servicesLoading) return
    this.servicesLoading = true
    try {
      const services = await this.api.services.list({ all: true })
      runInAction(() => {
        this.services = services
        this.servicesLoaded = true
        this.servicesError = null
      })
    } catch (error) {
      runInAction(() => (this.servicesError = messageOf(error)))
    } finally {
      runInAction(() => (this.servicesLoading = false))
    }
  }

  /** The desk: the services, today's day of each published one, and the pending count. */
  async loadDesk(now: Date = new Date()): Promise<void> {
    if (!this.available) return
    await Promise.all([this.loadServices(), this.countPending()])
    const today = beijingDate(now)
    await Promise.all(this.published.map((s) => this.loadDay(s.id, today)))
  }

  async loadDay(serviceId: string, date: string): Promise<void> {
    const key = dayKey(serviceId, date)
    try {
      const day = await this.api.services.day(serviceId, date)
      runInAction(() => {
        this.days.set(key, day)
        this.dayErrors.delete(key)
      })
    } catch (error) {
      runInAction(() => this.dayErrors.set(key, messageOf(error)))
    }
  }

  day(serviceId: string, date: string): ServiceDay | undefined {
    return this.days.get(dayKey(serviceId, date))
  }

  async countPending(): Promise<void> {
    try {
      const page = await this.api.services.listPending({ limit: PENDING_COUNT_PAGE })
      runInAction(() => {
        this.pendingCount = page.items.length
        this.pendingMore = page.nextCursor !== undefined
      })
    } catch {
      // The desk shows no count; the list itself says why when opened.
    }
  }

  // ---- check-in ----

  /**
   * Check a booking in by what staff typed or scanned (6 digits, or the QR text). From a day's list,
   * `booking` names the one meant: its code is checked against that booking only.
   */
  async checkIn(text: string, booking?: Pick<Booking, 'id'>): Promise<StepOutcome> {
    const parsed = parseCheckIn(text)
    if (!parsed) {
      const message = '请输入6位签到码'
      if (booking) this.rowErrors = { ...this.rowErrors, [booking.id]: message }
      else this.checkInError = message
      return { ok: false, message, fields: { code: message } }
    }
    const code = booking ? checkInQrText(booking.id, parsed.code) : parsed.bookingId ? checkInQrText(parsed.bookingId, parsed.code) : parsed.code
    if (booking) return this.step(booking.id, () => this.api.services.checkIn({ code }))
    if (this.checkInBusy) return { ok: false, message: '正在签到，请稍候', fields: {} }
    this.checkInBusy = true
    this.checkInError = null
    try {
      const done = await this.api.services.checkIn({ code })
      runInAction(() => {
        this.lastCheckedIn = done
        this.put(done)
      })
      void this.reloadDayOf(done)
      return { ok: true, booking: done }
    } catch (error) {
      const message = isApiError(error) ? (error.fields.code ?? messageOf(error)) : messageOf(error)
      runInAction(() => {
        this.checkInError = message
        this.lastCheckedIn = null
      })
      return { ok: false, message, fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.checkInBusy = false))
    }
  }

  clearCheckIn(): void {
    this.checkInError = null
    this.lastCheckedIn = null
  }

  // ---- a booking's steps ----

  private async step(id: string, send: () => Promise<Booking>): Promise<StepOutcome> {
    if (this.busyId) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.busyId = id
    const { [id]: _gone, ...rest } = this.rowErrors
    this.rowErrors = rest
    try {
      const booking = await send()
      runInAction(() => this.put(booking))
      // A freed seat promotes the first in line: the day is read again, as the backend has it.
      await this.reloadDayOf(booking)
      return { ok: true, booking }
    } catch (error) {
      const message = isApiError(error) ? (Object.values(error.fields)[0] ?? messageOf(error)) : messageOf(error)
      runInAction(() => (this.rowErrors = { ...this.rowErrors, [id]: message }))
      // Refused as the booking stands now (an earlier try whose answer was lost, someone else's step,
      // gone): its day, and the pending list if it is there, are read again as the backend has them.
      if (isApiError(error) && STALE_KINDS.includes(error.kind)) await this.reloadWhereShown(id)
      return { ok: false, message, fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busyId = null))
    }
  }

  complete(id: string): Promise<StepOutcome> {
    return this.step(id, () => this.api.services.complete(id))
  }

  markNoShow(id: string): Promise<StepOutcome> {
    return this.step(id, () => this.api.services.markNoShow(id))
  }

  async confirm(id: string): Promise<StepOutcome> {
    const out = await this.step(id, () => this.api.services.confirm(id))
    if (out.ok) this.dropPending(id)
    return out
  }

  /** Cancel (by staff) or reject a pending one: a reason of 2 to 200 characters is required. */
  async withReason(id: string, action: 'cancel' | 'reject', reason: string): Promise<StepOutcome> {
    const fields = validateBookingReason(reason.trim(), action === 'cancel' ? '取消' : '拒绝')
    if (hasErrors(fields)) return { ok: false, message: fields.reason, fields }
    const input = { reason: reason.trim() }
    // Only a booking that waited for confirmation leaves the 待确认 count.
    const before = action === 'reject' ? 'pending' : this.statusOf(id)
    const out = await this.step(id, () => (action === 'cancel' ? this.api.services.cancel(id, input) : this.api.services.reject(id, input)))
    if (out.ok) {
      if (before === 'pending') this.dropPending(id)
      else if (before === undefined) void this.countPending()
    }
    return out
  }

  private dropPending(id: string): void {
    this.pending.update((items) => items.filter((b) => b.id !== id))
    if (this.pendingCount !== null && this.pendingCount > 0) this.pendingCount -= 1
  }

  /** A changed booking in every day it is shown in. */
  private put(booking: Booking): void {
    for (const [key, day] of this.days) {
      if (!day.slots.some((s) => s.bookings.some((b) => b.id === booking.id))) continue
      this.days.set(key, { ...day, slots: day.slots.map((s) => ({ ...s, bookings: s.bookings.map((b) => (b.id === booking.id ? booking : b)) })) })
    }
  }

  /** Read again every day showing the booking, and the pending list (and count) if it is in it. */
  private async reloadWhereShown(id: string): Promise<void> {
    const shown = [...this.days.entries()].filter(([, day]) => day.slots.some((s) => s.bookings.some((b) => b.id === id)))
    const pending = this.pending.items.some((b) => b.id === id)
    await Promise.all([
      ...shown.map(([, day]) => this.loadDay(day.service.id, day.date)),
      ...(pending ? [this.pending.refresh(), this.countPending()] : []),
    ])
  }

  /** The status the desk shows for a booking (its day or the pending list), if shown. */
  private statusOf(id: string): Booking['status'] | undefined {
    const listed = this.pending.items.find((b) => b.id === id)
    if (listed) return listed.status
    for (const day of this.days.values()) for (const slot of day.slots) for (const b of slot.bookings) if (b.id === id) return b.status
    return undefined
  }

  private async reloadDayOf(booking: Booking): Promise<void> {
    const date = beijingDate(booking.startsAt)
    if (this.days.has(dayKey(booking.service.id, date))) await this.loadDay(booking.service.id, date)
  }

  // ---- pending ----

  get pendingItems(): Booking[] {
    return this.pending.items
  }

  get pendingLoaded(): boolean {
    return this.pending.loaded
  }

  get pendingLoading(): boolean {
    return this.pending.loading
  }

  get pendingError(): string | null {
    return this.pending.error
  }

  get pendingHasMore(): boolean {
    return this.pending.hasMore
  }

  get pendingLoadingMore(): boolean {
    return this.pending.loadingMore
  }

  async refreshPending(): Promise<void> {
    if (!this.available) return
    await this.pending.refresh()
  }

  loadMorePending(): Promise<void> {
    return this.pending.loadMore()
  }

  // ---- 代约 ----

  /** The verified members of a household, for booking on their behalf; its tags come with them. */
  async findResidents(buildingId: string, room: string): Promise<void> {
    const wanted = buildingId && room ? householdKey(buildingId, room) : null
    this.residentsFor = wanted
    this.residents = null
    this.residentsError = null
    this.residentsLoading = false
    if (!wanted) return
    this.residentsLoading = true
    // Staff may pick another household before this one answers: only the one picked last is shown.
    const current = () => this.residentsFor === wanted
    try {
      const household = await this.api.services.household(buildingId, room)
      runInAction(() => {
        this.savedTags.set(householdKey(household.buildingId, household.room), household.tags)
        if (current()) this.residents = household.members.map(({ userId, name, phoneMasked }) => ({ userId, name, phoneMasked }))
      })
    } catch (error) {
      runInAction(() => {
        if (current()) this.residentsError = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (current()) this.residentsLoading = false
      })
    }
  }

  /** A household's tags as stored, for the tags page to start from (undefined until read, or when it cannot be). */
  async loadTags(buildingId: string, room: string): Promise<HouseholdTag[] | undefined> {
    try {
      const household = await this.api.services.household(buildingId, room)
      runInAction(() => this.savedTags.set(householdKey(household.buildingId, household.room), household.tags))
      return household.tags
    } catch {
      return undefined
    }
  }

  // ---- household tags ----

  async saveTags(input: HouseholdTagsInput): Promise<{ ok: true } | { ok: false; message: string; fields: FieldErrors }> {
    const fields: FieldErrors = {}
    if (!input.buildingId) fields.buildingId = '请选择楼栋'
    if (!input.room) fields.room = '请选择房号'
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    if (this.tagsBusy) return { ok: false, message: '正在保存，请稍候', fields: {} }
    this.tagsBusy = true
    try {
      const saved = await this.api.services.setHouseholdTags(input)
      runInAction(() => this.savedTags.set(householdKey(saved.buildingId, saved.room), saved.tags))
      return { ok: true }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.tagsBusy = false))
    }
  }

  // ---- export ----

  /** A day's or a month's workbook, when the backend can make one. */
  async exportBookings(query: BookingExportQuery): Promise<{ ok: true; fileName: string; bytes: Uint8Array } | { ok: false; message: string }> {
    const make = this.api.services.exportBookings
    if (!make) return { ok: false, message: '当前后台不支持导出' }
    if (this.exportBusy) return { ok: false, message: '正在导出，请稍候' }
    this.exportBusy = true
    try {
      const file = await make.call(this.api.services, query)
      return { ok: true, bytes: file.bytes, fileName: workbookName(file.fileName, query.period) }
    } catch (error) {
      return { ok: false, message: messageOf(error) }
    } finally {
      runInAction(() => (this.exportBusy = false))
    }
  }

  clear(): void {
    this.services = []
    this.servicesLoaded = false
    this.servicesError = null
    this.days.clear()
    this.dayErrors.clear()
    this.pendingCount = null
    this.pendingMore = false
    this.busyId = null
    this.rowErrors = {}
    this.checkInBusy = false
    this.checkInError = null
    this.lastCheckedIn = null
    this.savedTags.clear()
    this.residents = null
    this.residentsError = null
    this.residentsLoading = false
    this.residentsFor = null
    this.pending.clear()
    this.editor.forget()
  }
}
