import type { LocalPhoto } from '../../types/api'
import type { Report, ReportAnswers, ReportLocation } from '../../types/domain'
import type { FieldErrors } from '../domain/validation'
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage'
import type { ApiClient } from './client'
import { ApiError, isApiError, type ApiErrorKind } from './errors'

/** A report as typed on the device: photos are still local files. */
export interface ReportPayload {
  categoryId: string
  description: string
  photos: LocalPhoto[]
  location: ReportLocation
  anonymous: boolean
  /** The building the problem is at (its grid handles it); absent: the reporter's home building. */
  buildingId?: string
  /** Answers to the category's extra questions (an Open311 service's attributes). */
  answers?: ReportAnswers
}

export type OutboxState = 'waiting' | 'sending' | 'failed'

export interface OutboxItem {
  /** Also the idempotency key: every retry of this item is the same submission. */
  key: string
  createdAt: string
  payload: ReportPayload
  /** Photos already uploaded, by index in `payload.photos`, so a retry does not upload them again. */
  uploaded: Record<number, string>
  state: OutboxState
  attempts: number
  error?: { kind: ApiErrorKind; message: string; fields: FieldErrors }
}

export type SendResult =
  | { status: 'sent'; report: Report }
  | { status: 'waiting'; error: ApiError }
  | { status: 'failed'; error: ApiError }

/** Errors that a later retry may cure; anything else needs the user to change the report. */
function isTransient(error: ApiError): boolean {
  return error.retryable || error.kind === 'unauthorized'
}

/**
 * Store-and-forward for new reports, over any ApiClient. Items are persisted before the first
 * attempt, so a crash or a lost network never loses a report, and each carries its idempotency key,
 * so a retry after a timeout never makes a second one.
 */
export class Outbox {
  constructor(
    private readonly api: Pick<ApiClient, 'reports' | 'media'>,
    private readonly storage: KeyValueStorage,
    private readonly storageKey: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  items(): OutboxItem[] {
    return readJson<OutboxItem[]>(this.storage, this.storageKey) ?? []
  }

  /** Told after every change written (an item added, being sent, sent, refused, removed). */
  onChange: () => void = () => undefined

  private write(items: OutboxItem[]): void {
    if (items.length === 0) this.storage.remove(this.storageKey)
    else writeJson(this.storage, this.storageKey, items)
    this.onChange()
  }

  private update(key: string, change: (item: OutboxItem) => void): OutboxItem | undefined {
    const items = this.items()
    const item = items.find((i) => i.key === key)
    if (item) {
      change(item)
      this.write(items)
    }
    return item
  }

  add(key: string, payload: ReportPayload): OutboxItem {
    const items = this.items()
    const existing = items.find((i) => i.key === key)
    if (existing) return existing
    const item: OutboxItem = { key, createdAt: this.now().toISOString(), payload, uploaded: {}, state: 'waiting', attempts: 0 }
    this.write([...items, item])
    return item
  }

  remove(key: string): void {
    this.write(this.items().filter((i) => i.key !== key))
  }

  /** After an app restart nothing is mid-flight: what was "sending" goes back to waiting. */
  recover(): void {
    const items = this.items()
    if (items.some((i) => i.state === 'sending')) this.write(items.map((i) => (i.state === 'sending' ? { ...i, state: 'waiting' } : i)))
  }

  async send(key: string): Promise<SendResult> {
    const item = this.update(key, (i) => {
      i.state = 'sending'
      i.attempts += 1
    })
    if (!item) throw new ApiError('not_found', '待发送的诉求不存在')
    try {
      const photoIds: string[] = []
      for (let index = 0; index < item.payload.photos.length; index++) {
        let id = item.uploaded[index]
        if (!id) {
          id = (await this.api.media.uploadPhoto(item.payload.photos[index])).id
          this.update(key, (i) => {
            i.uploaded[index] = id
          })
        }
        photoIds.push(id)
      }
      const { photos: _photos, ...fields } = item.payload
      const report = await this.api.reports.submit({ ...fields, photoIds }, { idempotencyKey: key })
      this.remove(key)
      return { status: 'sent', report }
    } catch (thrown) {
      const error = isApiError(thrown) ? thrown : new ApiError('server', thrown instanceof Error ? thrown.message : undefined)
      const state: OutboxState = isTransient(error) ? 'waiting' : 'failed'
      this.update(key, (i) => {
        i.state = state
        i.error = { kind: error.kind, message: error.message, fields: error.fields }
      })
      return state === 'waiting' ? { status: 'waiting', error } : { status: 'failed', error }
    }
  }

  /** Send every waiting item in order; stop at the first transient failure (the network is still down). */
  async flush(): Promise<{ sent: Report[]; failed: number; waiting: number }> {
    const sent: Report[] = []
    let failed = 0
    for (const item of this.items()) {
      if (item.state !== 'waiting') continue
      const result = await this.send(item.key)
      if (result.status === 'sent') sent.push(result.report)
      else if (result.status === 'failed') failed += 1
      else break
    }
    const waiting = this.items().filter((i) => i.state === 'waiting').length
    return { sent, failed, waiting }
  }
}
