import { makeAutoObservable, runInAction } from 'mobx'
import type { Service } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { validateService } from '../domain/booking/service-validation'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage'
import { blankServiceForm, formOfService, inputOfForm, nextQuestionId, type ServiceForm } from './service-form'

export type ServiceOutcome = { ok: true; service: Service } | { ok: false; message: string; fields: FieldErrors }

interface SavedDraft {
  form: ServiceForm
  /** The idempotency key of the create: a retry after a lost answer is the same service. */
  key: string
  /** The names sent under `key` (to find the service a lost answer made, even if renamed since). */
  sentNames?: string[]
}

/** The backend refused a reused key sent with changed content: something was made under it before. */
const keyReused = (fields: FieldErrors): boolean => Boolean(fields.idempotencyKey)

/** What staff are told when the lost answer's service was found and opened. */
export const EARLIER_PUBLISH_OPENED = '上次发布可能已成功，已为您打开该服务'
/** What staff are told when it could not be found (yet): the key is kept, nothing new is made. */
export const EARLIER_PUBLISH_UNKNOWN = '上次发布可能已成功，请稍后重试或到服务列表中查看'

/**
 * 发布服务 / 编辑服务: the form of one service. A new service is kept in storage on every change
 * (it survives the app being killed), with the key its create is sent under; an existing one is
 * read from the backend and sent whole.
 */
export class ServiceEditor {
  form: ServiceForm = blankServiceForm()
  /** The service being edited (absent: a new one). */
  original: Service | null = null
  loadError: string | null = null
  attempted = false
  serverErrors: FieldErrors = {}
  busy = false
  private key = randomId('sk_')
  /** The names sent under `key`. */
  private sentNames: string[] = []
  private storageKey: string | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'services'>,
    private readonly storage: () => KeyValueStorage,
  ) {
    makeAutoObservable<ServiceEditor, 'api' | 'storage' | 'key' | 'sentNames' | 'storageKey'>(this, { api: false, storage: false, key: false, sentNames: false, storageKey: false }, { autoBind: true })
  }

  /** A new service: the signed-in user's saved draft, if any. */
  openNew(userId: string): void {
    this.reset()
    this.storageKey = `linli.service-draft.${userId}`
    const saved = readJson<SavedDraft>(this.storage(), this.storageKey)
    if (saved && typeof saved.key === 'string' && saved.form) {
      this.form = { ...blankServiceForm(), ...saved.form }
      this.key = saved.key
      this.sentNames = Array.isArray(saved.sentNames) ? saved.sentNames.filter((n) => typeof n === 'string') : []
    }
  }

  /** An existing service, read again. */
  async openExisting(id: string): Promise<void> {
    this.reset()
    try {
      const service = await this.api.services.get(id)
      runInAction(() => {
        this.original = service
        this.form = formOfService(service)
      })
    } catch (error) {
      runInAction(() => (this.loadError = messageOf(error)))
    }
  }

  /** Forget the form on screen (signing out); a saved draft stays for its writer. */
  forget(): void {
    this.reset()
  }

  private reset(): void {
    this.form = blankServiceForm()
    this.original = null
    this.loadError = null
    this.attempted = false
    this.serverErrors = {}
    this.key = randomId('sk_')
    this.sentNames = []
    this.storageKey = null
  }

  get hasDraft(): boolean {
    return !this.original && JSON.stringify(this.form) !== JSON.stringify(blankServiceForm())
  }

  get localErrors(): FieldErrors {
    return validateService(inputOfForm(this.form, this.original ?? undefined) as unknown as Record<string, unknown>)
  }

  /** What to show: nothing before the first 发布, then every field's message (the backend's too). */
  get errors(): FieldErrors {
    return { ...(this.attempted ? this.localErrors : {}), ...this.serverErrors }
  }

  /** Change the form; a field's message from the backend goes once the field is changed. */
  change(patch: Partial<ServiceForm>, ...fields: string[]): void {
    this.form = { ...this.form, ...patch }
    if (fields.length) this.serverErrors = Object.fromEntries(Object.entries(this.serverErrors).filter(([k]) => !fields.some((f) => k === f || k.startsWith(`${f}.`))))
    this.writeDraft()
  }

  private writeDraft(): void {
    if (this.storageKey) writeJson(this.storage(), this.storageKey, { form: this.form, key: this.key, ...(this.sentNames.length ? { sentNames: this.sentNames } : {}) } satisfies SavedDraft)
  }

  addQuestion(): void {
    this.change({ questions: [...this.form.questions, { id: nextQuestionId(this.form.questions), label: '', kind: 'text', required: false }] }, 'questions')
  }

  updateQuestion(index: number, patch: Partial<ServiceForm['questions'][number]>): void {
    this.change({ questions: this.form.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) }, 'questions')
  }

  removeQuestion(index: number): void {
    this.change({ questions: this.form.questions.filter((_, i) => i !== index) }, 'questions')
  }

  addHours(weekday: ServiceForm['hours'][number]['weekday']): void {
    const same = this.form.hours.filter((h) => h.weekday === weekday)
    const next = same.length ? { start: '14:00', end: '17:00' } : { start: '09:00', end: '12:00' }
    this.change({ hours: [...this.form.hours, { weekday, ...next }] }, 'hours')
  }

  updateHours(index: number, patch: Partial<ServiceForm['hours'][number]>): void {
    this.change({ hours: this.form.hours.map((h, i) => (i === index ? { ...h, ...patch } : h)) }, 'hours')
  }

  removeHours(index: number): void {
    this.change({ hours: this.form.hours.filter((_, i) => i !== index) }, 'hours')
  }

  addException(kind: 'closed' | 'extra', date: string): void {
    const row = { date, kind, start: kind === 'extra' ? '14:00' : '', end: kind === 'extra' ? '16:00' : '', note: '' }
    this.change({ exceptions: [...this.form.exceptions, row] }, 'exceptions')
  }

  updateException(index: number, patch: Partial<ServiceForm['exceptions'][number]>): void {
    this.change({ exceptions: this.form.exceptions.map((e, i) => (i === index ? { ...e, ...patch } : e)) }, 'exceptions')
  }

  removeException(index: number): void {
    this.change({ exceptions: this.form.exceptions.filter((_, i) => i !== index) }, 'exceptions')
  }

  /** Start again from a blank form (the saved draft goes). */
  discard(): void {
    this.form = blankServiceForm()
    this.attempted = false
    this.serverErrors = {}
    this.key = randomId('sk_')
    this.sentNames = []
    if (this.storageKey) this.storage().remove(this.storageKey)
  }

  /** Check with the domain's rules, then create (keyed) or update. */
  async save(): Promise<ServiceOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.attempted = true
    const local = this.localErrors
    if (hasErrors(local)) return { ok: false, message: '请先改正标出的内容', fields: local }
    const input = inputOfForm(this.form, this.original ?? undefined)
    this.busy = true
    try {
      const original = this.original
      if (!original && !this.sentNames.includes(input.name)) {
        this.sentNames = [...this.sentNames, input.name]
        this.writeDraft()
      }
      const service = original ? await this.api.services.update(original.id, input) : await this.api.services.create(input, { idempotencyKey: this.key })
      runInAction(() => {
        if (this.storageKey) this.storage().remove(this.storageKey)
        this.original = service
        this.form = formOfService(service)
        this.attempted = false
        this.serverErrors = {}
      })
      return { ok: true, service }
    } catch (error) {
      const fields = isApiError(error) ? error.fields : {}
      if (!this.original && keyReused(fields)) return await this.findEarlier(input.name)
      runInAction(() => {
        this.serverErrors = fields
        // Refused for something to fix: nothing was made under this key; the corrected service gets a new one.
        if (hasErrors(fields) && !this.original) this.rotateKey()
      })
      return { ok: false, message: messageOf(error), fields }
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  /**
   * The key was used before for other content: an earlier 发布 was made, its answer lost. The key is
   * never renewed here (that would publish a second service): the service is looked for by the name
   * sent under the key (or the one on screen) and opened as the one being edited, so the next save
   * updates it with what is on screen now.
   */
  private async findEarlier(name: string): Promise<ServiceOutcome> {
    const names = new Set([...this.sentNames, name].filter(Boolean))
    let found: Service | undefined
    try {
      const all = await this.api.services.list({ all: true })
      found = all.filter((s) => names.has(s.name)).sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0]
    } catch {
      // Not read: the key is kept; the next 发布 asks again.
    }
    if (!found) {
      runInAction(() => (this.serverErrors = {}))
      return { ok: false, message: EARLIER_PUBLISH_UNKNOWN, fields: {} }
    }
    const earlier = found
    runInAction(() => {
      this.original = earlier
      this.serverErrors = {}
      this.attempted = false
      if (this.storageKey) this.storage().remove(this.storageKey)
      this.storageKey = null
    })
    return { ok: false, message: EARLIER_PUBLISH_OPENED, fields: {} }
  }

  private rotateKey(): void {
    this.key = randomId('sk_')
    this.sentNames = []
    this.writeDraft()
  }
}
