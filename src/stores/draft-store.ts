import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { LocalPhoto } from '../../types/api'
import type { Category, ReportLocation } from '../../types/domain'
import type { ReportPayload } from '../api/outbox'
import { cleanText } from '../domain/text'
import { LIMITS, hasErrors, validateNewReport, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage'
import type { OutboxStore } from './outbox-store'
import type { OnSignOut } from './sign-out'

export interface ReportDraft {
  /** The idempotency key of this report: kept across retries, renewed only for a new report. */
  key: string
  categoryId?: string
  description: string
  photos: LocalPhoto[]
  /** A picked map point, or the address typed by hand (when location is refused or unwanted). */
  locationMode: 'point' | 'text'
  point: Extract<ReportLocation, { kind: 'point' }> | null
  address: string
  /**
   * The building the problem is at, when the reporter says (the report goes to its grid); absent:
   * not chosen (the form shows the home building); `''`: 不在楼栋附近/其他. Either way none is sent
   * and the backend uses the reporter's home building.
   */
  buildingId?: string
  anonymous: boolean
  updatedAt: string
}

export type DraftField = 'categoryId' | 'description' | 'photos' | 'location' | 'buildingId'

const DRAFT_FIELDS: readonly string[] = ['categoryId', 'description', 'photos', 'location', 'buildingId']

/**
 * The backend's field errors under the draft's own fields (a refused upload names `photo`), so each
 * shows where the user can fix it and clears when that field changes. An error on no field of the
 * form would block every later submit, so it is left to the returned message.
 */
function draftFieldErrors(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(fields)) {
    const own = field === 'photo' || field === 'photoIds' ? 'photos' : field
    if (DRAFT_FIELDS.includes(own) && !(own in out)) out[own] = message
  }
  return out
}

export type SubmitOutcome =
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'sent'; reportId: string }
  | { status: 'queued'; message: string }
  | { status: 'failed'; message: string }

function blankDraft(): ReportDraft {
  return {
    key: randomId('rk_'),
    description: '',
    photos: [],
    locationMode: 'point',
    point: null,
    address: '',
    anonymous: false,
    updatedAt: new Date().toISOString(),
  }
}

/**
 * The report being written. Every change is written to storage at once, so the draft survives the
 * app being killed; submission goes through the outbox with the draft's idempotency key.
 */
export class DraftStore {
  draft: ReportDraft = blankDraft()
  touched: Partial<Record<DraftField, boolean>> = {}
  submitAttempted = false
  /** Set when an emergency category is picked: the form stops and offers a call instead. */
  emergency: Category | null = null
  /** Field messages from the backend (a rule the app could not check locally). */
  serverErrors: FieldErrors = {}
  notice: string | null = null
  private storageKey: string | null = null
  private pending: Promise<SubmitOutcome> | null = null

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly categories: () => Category[],
    private readonly outbox: OutboxStore,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<DraftStore, 'storage' | 'categories' | 'outbox' | 'storageKey' | 'pending'>(
      this,
      { storage: false, categories: false, outbox: false, storageKey: false, pending: observableRef },
      { autoBind: true },
    )
    // The draft stays in storage for its writer; the form goes blank.
    onSignOut(() => this.open(null))
  }

  /** Load the signed-in user's draft (each user has their own). */
  open(userId: string | null): void {
    this.storageKey = userId ? `linli.draft.${userId}` : null
    const saved = this.storageKey ? readJson<ReportDraft>(this.storage, this.storageKey) : null
    this.draft = saved && typeof saved.key === 'string' ? { ...blankDraft(), ...saved } : blankDraft()
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.emergency = null
    this.notice = null
  }

  get submitting(): boolean {
    return this.pending !== null
  }

  get hasContent(): boolean {
    const d = this.draft
    return Boolean(d.categoryId || d.description.trim() || d.photos.length || d.point || d.address.trim())
  }

  get location(): ReportLocation | null {
    const d = this.draft
    if (d.locationMode === 'point') return d.point
    return d.address.trim() ? { kind: 'text', address: d.address } : null
  }

  get errors(): FieldErrors {
    const d = this.draft
    return {
      ...validateNewReport(
        { categoryId: d.categoryId, description: d.description, photoCount: d.photos.length, location: this.location },
        this.categories(),
      ),
      ...this.serverErrors,
    }
  }

  /** Errors worth showing now: of fields the user has left, or all of them after a submit attempt. */
  get visibleErrors(): FieldErrors {
    const all = this.errors
    const shown: FieldErrors = {}
    for (const [field, message] of Object.entries(all)) {
      if (this.submitAttempted || this.touched[field as DraftField] || field in this.serverErrors) shown[field] = message
    }
    return shown
  }

  get photosLeft(): number {
    return LIMITS.photosMax - this.draft.photos.length
  }

  private change(patch: Partial<ReportDraft>, field?: DraftField): void {
    this.draft = { ...this.draft, ...patch, updatedAt: new Date().toISOString() }
    if (field && field in this.serverErrors) {
      const { [field]: _cleared, ...rest } = this.serverErrors
      this.serverErrors = rest
    }
    this.save()
  }

  private save(): void {
    if (this.storageKey) writeJson(this.storage, this.storageKey, this.draft)
  }

  touch(field: DraftField): void {
    this.touched = { ...this.touched, [field]: true }
  }

  chooseCategory(id: string): void {
    const category = this.categories().find((c) => c.id === id)
    if (category?.emergency) {
      this.emergency = category
      return
    }
    this.change({ categoryId: id }, 'categoryId')
    this.touch('categoryId')
  }

  dismissEmergency(): void {
    this.emergency = null
  }

  setDescription(text: string): void {
    this.change({ description: text }, 'description')
  }

  /** Add photos, up to the limit; says how many did not fit. */
  addPhotos(photos: LocalPhoto[]): number {
    const room = Math.max(0, this.photosLeft)
    const taken = photos.slice(0, room)
    this.change({ photos: [...this.draft.photos, ...taken] }, 'photos')
    this.touch('photos')
    return photos.length - taken.length
  }

  removePhoto(index: number): void {
    this.change({ photos: this.draft.photos.filter((_, i) => i !== index) }, 'photos')
  }

  setPoint(point: ReportDraft['point']): void {
    this.change({ point, locationMode: 'point' }, 'location')
    this.touch('location')
  }

  useTypedAddress(on: boolean): void {
    this.change({ locationMode: on ? 'text' : 'point' }, 'location')
  }

  setAddress(text: string): void {
    this.change({ address: text, locationMode: 'text' }, 'location')
  }

  setAnonymous(on: boolean): void {
    this.change({ anonymous: on })
  }

  /** Where the problem is: a building of the community, `''` for none (其他), `undefined` for not chosen. */
  setBuilding(buildingId: string | undefined): void {
    this.change({ buildingId }, 'buildingId')
  }

  /**
   * Put a report taken back from the outbox into the form, replacing what the form held (the screen
   * asks first when that was something else). A waiting one keeps its key (an attempt may have
   * reached the backend: the same key never makes a second report); a refused one made no report
   * and gets a new key (`key` undefined).
   */
  restore(key: string | undefined, payload: ReportPayload): void {
    const location = payload.location
    const blank = blankDraft()
    this.draft = {
      ...blank,
      key: key ?? blank.key,
      categoryId: payload.categoryId,
      description: payload.description,
      photos: payload.photos,
      locationMode: location.kind === 'point' ? 'point' : 'text',
      point: location.kind === 'point' ? location : null,
      address: location.kind === 'point' ? '' : location.address,
      anonymous: payload.anonymous,
      ...(payload.buildingId ? { buildingId: payload.buildingId } : {}),
    }
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.notice = null
    this.save()
  }

  discard(): void {
    this.draft = blankDraft()
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.save()
  }

  /** Submit once: a second tap while the first is in flight gets the same answer. */
  submit(): Promise<SubmitOutcome> {
    if (this.pending) return this.pending
    this.submitAttempted = true
    this.notice = null
    const errors = this.errors
    if (hasErrors(errors)) return Promise.resolve({ status: 'invalid', errors })
    const d = this.draft
    const payload: ReportPayload = {
      categoryId: d.categoryId!,
      description: cleanText(d.description),
      photos: d.photos,
      location: this.location!,
      anonymous: d.anonymous,
      ...(d.buildingId ? { buildingId: d.buildingId } : {}),
    }
    this.pending = this.outbox.submit(d.key, payload).then((result): SubmitOutcome => {
      return runInAction(() => {
        this.pending = null
        if (result.status === 'sent') {
          this.discard()
          return { status: 'sent', reportId: result.report.id }
        }
        if (result.status === 'waiting') {
          // The outbox holds it now and sends it when it can; the form starts afresh.
          this.discard()
          const message = result.error.kind === 'network' ? '网络不可用，诉求已保存，联网后会自动提交' : '暂时无法提交，诉求已保存，稍后会自动重试'
          this.notice = message
          return { status: 'queued', message }
        }
        // Refused for a reason the user must fix: keep every word, and use a new key for the
        // corrected report (no report was made under the old one).
        this.outbox.discard(d.key)
        this.serverErrors = draftFieldErrors(result.error.fields)
        this.change({ key: randomId('rk_') })
        return { status: 'failed', message: result.error.message }
      })
    }, (error: unknown): SubmitOutcome => {
      // Not a refusal but a fault (nobody signed in, storage full): keep the draft, free the button.
      runInAction(() => (this.pending = null))
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) }
    })
    return this.pending
  }
}
