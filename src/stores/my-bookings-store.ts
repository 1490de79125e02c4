import { makeAutoObservable, runInAction } from 'mobx'
import type { Booking, BookingPause } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf, type ApiErrorKind } from '../api/errors'
import { UPCOMING_STATUSES } from '../domain/booking/when'
import { validateBookingRating, validateBookingReason } from '../domain/booking/validation'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { loadInto } from './load-into'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

export type BookingOutcome = { ok: true; booking: Booking } | { ok: false; message: string; fields: FieldErrors }

/** Refusals saying the booking is not as the page shows it: the booking is read again. */
const STALE_KINDS: readonly ApiErrorKind[] = ['conflict', 'forbidden', 'not_found']

const soonestFirst = (a: Booking, b: Booking) => Date.parse(a.startsAt) - Date.parse(b.startsAt)

/** 我的预约: my coming bookings (with their check-in codes) and my household's pause, the past a page at a time, one booking, and what I may do with it (cancel, move, rate). */
export class MyBookingsStore {
  upcoming: Booking[] = []
  pause: BookingPause | null = null
  loaded = false
  loading = false
  error: string | null = null
  details = new Map<string, Booking>()
  detailErrors = new Map<string, string>()
  busy: 'cancel' | 'reschedule' | 'rate' | null = null

  private readonly pastList: PagedList<Booking>

  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    this.pastList = new PagedList((cursor) => api.services.listPast({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }))
    makeAutoObservable<MyBookingsStore, 'api' | 'pastList'>(this, { api: false, pastList: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  /** My coming bookings and the pause. */
  async load(): Promise<void> {
    if (!this.available) return
    await loadInto(this, () => this.api.services.mine(), (mine) => {
      this.upcoming = [...mine.upcoming].sort(soonestFirst)
      this.pause = mine.pause ?? null
      for (const b of mine.upcoming) this.details.set(b.id, b)
    })
  }

  /** The next booking to go to (a seat held), for 首页 and 办事. */
  get next(): Booking | undefined {
    return this.upcoming.find((b) => b.status !== 'waitlisted')
  }

  /** Whether the pause is running at `now`. */
  pausedAt(now: Date): BookingPause | null {
    return this.pause && Date.parse(this.pause.until) > now.getTime() ? this.pause : null
  }

  // ---- the past, a page at a time ----

  get past(): Booking[] {
    return this.pastList.items
  }

  get pastLoaded(): boolean {
    return this.pastList.loaded
  }

  get pastLoading(): boolean {
    return this.pastList.loading
  }

  get pastLoadingMore(): boolean {
    return this.pastList.loadingMore
  }

  get pastError(): string | null {
    return this.pastList.error
  }

  get hasMorePast(): boolean {
    return this.pastList.hasMore
  }

  async refreshPast(): Promise<void> {
    if (!this.available) return
    await this.pastList.refresh()
  }

  loadMorePast(): Promise<void> {
    return this.pastList.loadMore()
  }

  // ---- one booking ----

  get(id: string): Booking | undefined {
    return this.details.get(id)
  }

  async loadBooking(id: string): Promise<void> {
    try {
      const booking = await this.api.services.booking(id)
      runInAction(() => {
        this.put(booking)
        this.detailErrors.delete(id)
      })
    } catch (error) {
      runInAction(() => this.detailErrors.set(id, messageOf(error)))
    }
  }

  /**
   * A booking the backend answered: the detail, and (when it is mine) its place among the upcoming or
   * the past. `own` says whose it is; unsaid, one already listed is mine. A booking staff made or
   * opened for a resident (代约) never enters the lists, so 首页 never shows another's booking as next.
   */
  put(booking: Booking, own?: boolean): void {
    this.details.set(booking.id, booking)
    const listed = this.upcoming.some((b) => b.id === booking.id) || this.pastList.items.some((b) => b.id === booking.id)
    if (!(own ?? listed)) return
    const coming = UPCOMING_STATUSES.includes(booking.status)
    const others = this.upcoming.filter((b) => b.id !== booking.id)
    this.upcoming = (coming ? [...others, booking] : others).sort(soonestFirst)
    this.pastList.update((items) => (coming ? items.filter((b) => b.id !== booking.id) : items.some((b) => b.id === booking.id) ? items.map((b) => (b.id === booking.id ? booking : b)) : items))
  }

  private async write(kind: NonNullable<MyBookingsStore['busy']>, id: string, send: () => Promise<Booking>): Promise<BookingOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.busy = kind
    try {
      const booking = await send()
      runInAction(() => this.put(booking))
      return { ok: true, booking }
    } catch (error) {
      // Refused as the booking stands now (cancelled meanwhile, an earlier try whose answer was lost,
      // gone): the page shows it as the backend has it.
      if (isApiError(error) && STALE_KINDS.includes(error.kind)) await this.loadBooking(id)
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  /** Cancel with a reason (required: the provider reads it). */
  cancel(id: string, reason: string): Promise<BookingOutcome> {
    const fields = validateBookingReason(reason, '取消')
    if (hasErrors(fields)) return Promise.resolve({ ok: false, message: Object.values(fields)[0], fields })
    return this.write('cancel', id, () => this.api.services.cancel(id, { reason: cleanText(reason) }))
  }

  /** Move to another slot of the same service. */
  reschedule(id: string, startsAt: string): Promise<BookingOutcome> {
    return this.write('reschedule', id, () => this.api.services.reschedule(id, { startsAt }))
  }

  /** Rate a done booking: 1 to 5 stars and a comment. */
  rate(id: string, stars: number, comment: string): Promise<BookingOutcome> {
    const fields = validateBookingRating(stars, comment)
    if (hasErrors(fields)) return Promise.resolve({ ok: false, message: Object.values(fields)[0], fields })
    return this.write('rate', id, () => this.api.services.rate(id, { stars, comment: cleanText(comment) }))
  }

  clear(): void {
    this.upcoming = []
    this.pause = null
    this.loaded = false
    this.loading = false
    this.error = null
    this.details.clear()
    this.detailErrors.clear()
    this.busy = null
    this.pastList.clear()
  }
}
