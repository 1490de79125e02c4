import { makeAutoObservable, runInAction } from 'mobx'
import type { Booking, Service, Slot, SlotDay } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { addDays, beijingDate } from '../domain/beijing-time'
import { MAX_QUERY_DAYS } from '../domain/booking/slots'
import { validateAnswers } from '../domain/booking/validation'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { readJson, taroStorage, writeJson, type KeyValueStorage } from '../platform/storage'
import { loadInto } from './load-into'
import type { OnSignOut } from './sign-out'

/** The answers being typed for one slot; kept in storage on every change, so nothing is lost on a crash. */
export interface BookingDraft {
  /** The idempotency key of this booking: kept across retries, renewed only after a refusal. */
  key: string
  answers: Record<string, string>
  /** The slot was full: this draft joins its waitlist. */
  waitlist: boolean
  updatedAt: string
}

export type BookOutcome =
  | { status: 'booked'; booking: Booking }
  | { status: 'invalid'; errors: FieldErrors }
  /** The slot filled up: the form offers its waitlist in place. */
  | { status: 'full'; message: string; waiting: number }
  /** A rule said no (eligibility, pause, notice, limit…): its words. */
  | { status: 'refused'; message: string }
  /** The key was used before for other answers: an earlier 确认预约 may have booked (its answer lost); 我的预约 says. */
  | { status: 'earlier'; message: string }
  /** Not sent or not answered (network, server): the same key is sent again on retry. */
  | { status: 'failed'; message: string }

/** Which slot a form books: the service, the start, and (staff's 代约) for whom. */
export interface BookingTarget {
  serviceId: string
  startsAt: string
  forUserId?: string
}

/** What the form says when the key was used before with other answers. */
export const EARLIER_BOOKING = '上次提交可能已成功，请在“我的预约”中查看'

const blankDraft = (waitlist = false): BookingDraft => ({ key: randomId('bk_'), answers: {}, waitlist, updatedAt: new Date().toISOString() })

/** Errors kept only for the form's own fields (`answers.<id>`), so each shows at its field. */
function answerFields(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(fields)) if (field.startsWith('answers.')) out[field] = message
  return out
}

/** The catalogue and a service's calendar (slots with seats left), and booking a slot (drafts kept, keyed submission). */
export class ServicesStore {
  services: Service[] = []
  loaded = false
  loading = false
  error: string | null = null
  details = new Map<string, Service>()
  /** A service's coming days, as last read. */
  calendars = new Map<string, SlotDay[]>()
  calendarErrors = new Map<string, string>()
  calendarLoading = new Set<string>()
  /** The day chip chosen on a service's calendar. */
  chosenDays = new Map<string, string>()

  // ---- the booking form ----
  target: BookingTarget | null = null
  draft: BookingDraft = blankDraft()
  touched: Record<string, boolean> = {}
  submitAttempted = false
  serverErrors: FieldErrors = {}
  /** Set when the slot turned out full: the form offers to join its waitlist. */
  fullOffer: { message: string; waiting: number } | null = null
  refusal: string | null = null
  submitting = false

  private storageKey: string | null = null
  private storageImpl: KeyValueStorage | null

  constructor(
    private readonly api: Pick<ApiClient, 'services' | 'capabilities'>,
    onSignOut: OnSignOut,
    /** Where drafts are kept (Taro storage unless told). */
    storage?: KeyValueStorage,
  ) {
    this.storageImpl = storage ?? null
    makeAutoObservable<ServicesStore, 'api' | 'storageKey' | 'storageImpl' | 'storage'>(this, { api: false, storageKey: false, storageImpl: false, storage: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers service booking at all. */
  get available(): boolean {
    return this.api.capabilities.services
  }

  private get storage(): KeyValueStorage {
    if (!this.storageImpl) this.storageImpl = taroStorage()
    return this.storageImpl
  }

  // ---- the catalogue ----

  async load(): Promise<void> {
    if (!this.available) return
    await loadInto(this, () => this.api.services.list(), (list) => {
      this.services = list.filter((s) => s.status === 'published')
      for (const s of list) this.details.set(s.id, s)
    })
  }

  get(id: string): Service | undefined {
    return this.details.get(id)
  }

  // ---- a service's calendar ----

  /** The days a calendar shows: today to the last bookable day (at most 31 days). */
  calendarSpan(service: Service, now: Date = new Date()): { from: string; to: string } {
    const from = beijingDate(now)
    return { from, to: addDays(from, Math.min(service.rules.maxDaysAhead, MAX_QUERY_DAYS - 1)) }
  }

  days(serviceId: string): SlotDay[] {
    return this.calendars.get(serviceId) ?? []
  }

  /** Read the service (if needed) and its coming days with seats left. */
  async loadCalendar(serviceId: string, now: Date = new Date()): Promise<void> {
    if (this.calendarLoading.has(serviceId)) return
    this.calendarLoading.add(serviceId)
    try {
      const service = this.details.get(serviceId) ?? (await this.api.services.get(serviceId))
      const days = await this.api.services.listSlots(serviceId, this.calendarSpan(service, now))
      runInAction(() => {
        this.details.set(serviceId, service)
        this.calendars.set(serviceId, days)
        this.calendarErrors.delete(serviceId)
        const chosen = this.chosenDays.get(serviceId)
        if (!chosen || !days.some((d) => d.date === chosen)) {
          // The first day with a slot still open, else the first day.
          const first = days.find((d) => d.slots.some((s) => s.bookable)) ?? days.find((d) => d.slots.length > 0) ?? days[0]
          if (first) this.chosenDays.set(serviceId, first.date)
        }
      })
    } catch (error) {
      runInAction(() => this.calendarErrors.set(serviceId, messageOf(error)))
    } finally {
      runInAction(() => this.calendarLoading.delete(serviceId))
    }
  }

  chooseDay(serviceId: string, date: string): void {
    this.chosenDays.set(serviceId, date)
  }

  chosenDay(serviceId: string): SlotDay | undefined {
    const date = this.chosenDays.get(serviceId)
    return this.days(serviceId).find((d) => d.date === date)
  }

  slot(serviceId: string, startsAt: string): Slot | undefined {
    const wanted = Date.parse(startsAt)
    for (const day of this.days(serviceId)) for (const s of day.slots) if (Date.parse(s.startsAt) === wanted) return s
    return undefined
  }

  // ---- the booking form ----

  private keyOf(userId: string, t: BookingTarget): string {
    return `linli.booking-draft.${userId}.${t.serviceId}.${t.startsAt}${t.forUserId ? `.for.${t.forUserId}` : ''}`
  }

  /** Open the form of one slot for the signed-in user: its saved draft, or a blank one. */
  openForm(userId: string, target: BookingTarget, waitlist = false): void {
    const key = this.keyOf(userId, target)
    if (key === this.storageKey) {
      // The same slot's form opened again: its answers stay, what the last try was told goes.
      if (waitlist && !this.draft.waitlist) this.change({ waitlist: true })
      this.serverErrors = {}
      this.fullOffer = null
      this.refusal = null
      this.submitAttempted = false
      this.touched = {}
      return
    }
    this.storageKey = key
    this.target = target
    const saved = readJson<BookingDraft>(this.storage, key)
    this.draft = saved && typeof saved.key === 'string' ? { ...blankDraft(), ...saved, waitlist: saved.waitlist || waitlist } : blankDraft(waitlist)
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.fullOffer = null
    this.refusal = null
  }

  private change(patch: Partial<BookingDraft>): void {
    this.draft = { ...this.draft, ...patch, updatedAt: new Date().toISOString() }
    if (this.storageKey) writeJson(this.storage, this.storageKey, this.draft)
  }

  setAnswer(questionId: string, value: string): void {
    this.change({ answers: { ...this.draft.answers, [questionId]: value } })
    const field = `answers.${questionId}`
    if (field in this.serverErrors) {
      const rest = { ...this.serverErrors }
      delete rest[field]
      this.serverErrors = rest
    }
  }

  touch(questionId: string): void {
    this.touched = { ...this.touched, [questionId]: true }
  }

  /** The form's errors now (the domain's validator over the service's questions, then the backend's). */
  get formErrors(): FieldErrors {
    const service = this.target ? this.details.get(this.target.serviceId) : undefined
    if (!service) return { ...this.serverErrors }
    return { ...validateAnswers(service.questions, this.sentAnswers(service)).errors, ...this.serverErrors }
  }

  /** Errors worth showing: of questions left, or all after a submit attempt. */
  get visibleErrors(): FieldErrors {
    const shown: FieldErrors = {}
    for (const [field, message] of Object.entries(this.formErrors)) {
      const id = field.startsWith('answers.') ? field.slice('answers.'.length) : field
      if (this.submitAttempted || this.touched[id] || field in this.serverErrors) shown[field] = message
    }
    return shown
  }

  /** The answers to send: only the service's questions, blank ones left out. */
  private sentAnswers(service: Service): Record<string, string> {
    const out: Record<string, string> = {}
    for (const q of service.questions) {
      const value = (this.draft.answers[q.id] ?? '').trim()
      if (value) out[q.id] = value
    }
    return out
  }

  /** The slot turned out full: join its waitlist with the same answers (a new submission). */
  acceptWaitlist(): void {
    this.change({ waitlist: true, key: randomId('bk_') })
    this.fullOffer = null
  }

  discardDraft(): void {
    if (this.storageKey) this.storage.remove(this.storageKey)
    this.draft = blankDraft()
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.fullOffer = null
    this.refusal = null
  }

  /**
   * Book the slot under the draft's key (a retry after a lost answer never makes a second booking);
   * answers are checked here first. A refusal keeps the answers and takes a new key for the next try.
   */
  async book(): Promise<BookOutcome> {
    const target = this.target
    const service = target ? this.details.get(target.serviceId) : undefined
    if (!target || !service) return { status: 'failed', message: '服务信息还没有加载，请稍后重试' }
    if (this.submitting) return { status: 'failed', message: '正在提交，请稍候' }
    this.submitAttempted = true
    this.refusal = null
    const errors = this.formErrors
    if (hasErrors(errors)) return { status: 'invalid', errors }
    this.submitting = true
    const d = this.draft
    try {
      const booking = await this.api.services.book(
        { serviceId: target.serviceId, startsAt: target.startsAt, answers: this.sentAnswers(service), ...(d.waitlist ? { waitlist: true } : {}), ...(target.forUserId ? { forUserId: target.forUserId } : {}) },
        { idempotencyKey: d.key },
      )
      runInAction(() => this.discardDraft())
      void this.loadCalendar(target.serviceId)
      return { status: 'booked', booking }
    } catch (error) {
      const message = messageOf(error)
      if (!isApiError(error) || error.kind === 'network' || error.kind === 'server' || error.kind === 'rate_limited' || error.kind === 'unauthorized') {
        return { status: 'failed', message }
      }
      if (error.fields.idempotencyKey) {
        // Something was made under this key already: a new key would book twice. The calendar says
        // whether it is mine (then the draft is done with); else the key is kept.
        await this.loadCalendar(target.serviceId)
        runInAction(() => {
          const slot = this.slot(target.serviceId, target.startsAt)
          if (!target.forUserId && slot?.myBookingId && this.draft.key === d.key) this.discardDraft()
          this.serverErrors = {}
          this.refusal = EARLIER_BOOKING
        })
        return { status: 'earlier', message: EARLIER_BOOKING }
      }
      if (error.kind === 'conflict' && !d.waitlist) {
        // Taken already, or full: the calendar says which.
        await this.loadCalendar(target.serviceId)
        const slot = this.slot(target.serviceId, target.startsAt)
        if (slot && !slot.myBookingId && (slot.seatsLeft <= 0 || slot.waitlist > 0)) {
          runInAction(() => {
            this.fullOffer = { message, waiting: slot.waitlist }
            this.change({ key: randomId('bk_') })
          })
          return { status: 'full', message, waiting: slot.waitlist }
        }
      }
      runInAction(() => {
        const fields = answerFields(error.fields)
        this.serverErrors = fields
        this.refusal = Object.keys(fields).length ? null : message
        // Nothing was made under the old key: the corrected booking goes under a new one.
        this.change({ key: randomId('bk_') })
      })
      return { status: 'refused', message }
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }

  /** A booking that changed elsewhere (moved, cancelled): the calendar shows its seats again when next read. */
  forgetCalendar(serviceId: string): void {
    this.calendars.delete(serviceId)
  }

  clear(): void {
    this.services = []
    this.loaded = false
    this.loading = false
    this.error = null
    this.details.clear()
    this.calendars.clear()
    this.calendarErrors.clear()
    this.calendarLoading.clear()
    this.chosenDays.clear()
    this.target = null
    this.storageKey = null
    this.draft = blankDraft()
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.fullOffer = null
    this.refusal = null
    this.submitting = false
  }
}
