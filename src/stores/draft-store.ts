import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { LocalPhoto } from '../../types/api'
import type { Category, ReportLocation, ReportQuestion } from '../../types/domain'
import type { ReportPayload } from '../api/outbox'
import { answerField, answersToSend, askedQuestions, validateAnswers, type AnswerDraft } from '../domain/report-questions'
import { cleanText } from '../domain/text'
import { LIMITS, hasErrors, validateNewReport, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage'
import type { OutboxStore } from './outbox-store'
import type { QuestionsState } from './report-questions-store'
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
  /** Answers to the chosen category's extra questions, by question code (kept with the draft). */
  answers: AnswerDraft
  updatedAt: string
}

/** The field of an extra question's answer: `attribute.<code>`, as a backend names it too. */
export type AnswerField = `attribute.${string}`

export type DraftField = 'categoryId' | 'description' | 'photos' | 'location' | 'buildingId' | AnswerField

/** Where the questions' own trouble shows (still loading, or failed to load): on the questions. */
export const QUESTIONS_FIELD = 'questions'

export const QUESTIONS_MESSAGES = {
  loading: '正在加载补充问题，请稍候再提交',
  failed: '补充问题没有加载出来，请点“重试”，加载后再提交',
} as const

const DRAFT_FIELDS: readonly string[] = ['categoryId', 'description', 'photos', 'location', 'buildingId']

/**
 * The backend's field errors under the draft's own fields (a refused upload names `photo`), so each
 * shows where the user can fix it and clears when that field changes. An error on no field of the
 * form would block every later submit, so it is left to the returned message.
 */
function draftFieldErrors(fields: FieldErrors, questions: readonly ReportQuestion[]): FieldErrors {
  const answerFields: string[] = askedQuestions(questions).map((q) => answerField(q.code))
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(fields)) {
    const own = field === 'photo' || field === 'photoIds' ? 'photos' : field
    if ((DRAFT_FIELDS.includes(own) || answerFields.includes(own)) && !(own in out)) out[own] = message
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
    answers: {},
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
    /** The extra questions of a category (none for Linli's own categories). */
    private readonly questionsOf: (categoryId: string | undefined) => QuestionsState = () => ({ status: 'none' }),
  ) {
    makeAutoObservable<DraftStore, 'storage' | 'categories' | 'outbox' | 'questionsOf' | 'storageKey' | 'pending'>(
      this,
      { storage: false, categories: false, outbox: false, questionsOf: false, storageKey: false, pending: observableRef },
      { autoBind: true },
    )
    // The draft stays in storage for its writer; the form goes blank.
    onSignOut(() => this.open(null))
  }

  /** Load the signed-in user's draft (each user has their own). */
  open(userId: string | null): void {
    this.storageKey = userId ? `linli.draft.${userId}` : null
    const saved = this.storageKey ? readJson<ReportDraft>(this.storage, this.storageKey) : null
    this.draft = saved && typeof saved.key === 'string' ? { ...blankDraft(), ...saved, answers: answersOf(saved.answers) } : blankDraft()
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

  /** The chosen category's extra questions: none, loading, here, or failed to load. */
  get questions(): QuestionsState {
    return this.questionsOf(this.draft.categoryId)
  }

  /** The questions the chosen category asks, once loaded (empty otherwise). */
  private get loadedQuestions(): ReportQuestion[] {
    const state = this.questions
    return state.status === 'ready' ? state.questions : []
  }

  private get questionErrors(): FieldErrors {
    const state = this.questions
    if (state.status === 'loading') return { [QUESTIONS_FIELD]: QUESTIONS_MESSAGES.loading }
    if (state.status === 'failed') return { [QUESTIONS_FIELD]: QUESTIONS_MESSAGES.failed }
    if (state.status === 'ready') return validateAnswers(state.questions, this.draft.answers)
    return {}
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
      ...this.questionErrors,
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
    if (field && field in this.serverErrors) this.clearServerErrors((f) => f === field)
    this.save()
  }

  private clearServerErrors(which: (field: string) => boolean): void {
    this.serverErrors = Object.fromEntries(Object.entries(this.serverErrors).filter(([field]) => !which(field)))
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
    const other = id !== this.draft.categoryId
    if (other) {
      // Another category asks other questions: the answers given go, with what was said of them.
      this.clearServerErrors((field) => field.startsWith('attribute.'))
      this.touched = Object.fromEntries(Object.entries(this.touched).filter(([field]) => !field.startsWith('attribute.')))
    }
    this.change(other ? { categoryId: id, answers: {} } : { categoryId: id }, 'categoryId')
    this.touch('categoryId')
  }

  /** Answer one of the chosen category's extra questions (`undefined`: take the answer back). */
  setAnswer(code: string, answer: string | string[] | undefined): void {
    const { [code]: _previous, ...rest } = this.draft.answers
    this.change({ answers: answer === undefined ? rest : { ...rest, [code]: answer } }, answerField(code))
  }

  /** The user has left a question's field (or chosen in it): its message may show. */
  touchAnswer(code: string): void {
    this.touch(answerField(code))
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
      answers: answersOf(payload.answers),
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
    const questions = this.loadedQuestions
    const payload: ReportPayload = {
      categoryId: d.categoryId!,
      description: cleanText(d.description),
      photos: d.photos,
      location: this.location!,
      anonymous: d.anonymous,
      ...(d.buildingId ? { buildingId: d.buildingId } : {}),
      // Only a category that asks questions gets answers (Linli's backends refuse any).
      ...(askedQuestions(questions).length > 0 ? { answers: answersToSend(questions, d.answers) } : {}),
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
        this.serverErrors = draftFieldErrors(result.error.fields, questions)
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

/** Answers read back from storage or the outbox: texts and lists of texts only. */
function answersOf(raw: unknown): AnswerDraft {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const out: AnswerDraft = {}
  for (const [code, answer] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof answer === 'string') out[code] = answer
    else if (Array.isArray(answer) && answer.every((item) => typeof item === 'string')) out[code] = answer as string[]
  }
  return out
}
