import { makeAutoObservable, runInAction } from 'mobx'
import type { DisclosureInput, LocalPhoto } from '../../types/api'
import type { Disclosure, DisclosureCategory, DisclosureSummary } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { validateDisclosure } from '../domain/consultation/disclosures'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

export type DisclosureOutcome = { ok: true; disclosure: Disclosure } | { ok: false; message: string; fields: FieldErrors }

const summaryOf = (d: Disclosure): DisclosureSummary => ({
  id: d.id,
  communityId: d.communityId,
  category: d.category,
  period: d.period,
  periodLabel: d.periodLabel,
  title: d.title,
  publishedAt: d.publishedAt,
  publishedByName: d.publishedByName,
  readByMe: d.readByMe,
  questions: d.questions,
})

/** 村务公开: the list by category, one disclosure (marked read), staff publishing. */
export class DisclosuresStore {
  /** The category chip chosen (null: every category). */
  category: DisclosureCategory | null = null
  details = new Map<string, Disclosure>()
  detailErrors = new Map<string, string>()
  publishing = false
  private readonly list: PagedList<DisclosureSummary>
  private generation = 0
  /** Photos already uploaded, by their path on the device: a retry sends the same ids, so its body matches its key. */
  private readonly uploaded = new Map<string, string>()

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities' | 'media'>,
    onSignOut: OnSignOut,
  ) {
    this.list = new PagedList((cursor) =>
      api.conventions.listDisclosures({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE, ...(this.category ? { category: this.category } : {}) }),
    )
    makeAutoObservable<DisclosuresStore, 'api' | 'list' | 'generation' | 'uploaded'>(this, { api: false, list: false, generation: false, uploaded: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  get items(): DisclosureSummary[] {
    return this.list.items
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  get loading(): boolean {
    return this.list.loading
  }

  get loadingMore(): boolean {
    return this.list.loadingMore
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  async refresh(): Promise<void> {
    if (!this.available) return
    await this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** Show one category (or all of them again): the list is read afresh. */
  async setCategory(category: DisclosureCategory | null): Promise<void> {
    if (this.category === category && this.list.loaded) return
    this.category = category
    await this.refresh()
  }

  get(id: string): Disclosure | undefined {
    return this.details.get(id)
  }

  summary(id: string): DisclosureSummary | undefined {
    return this.items.find((d) => d.id === id)
  }

  /** Open a disclosure: fetch it, and mark it read for my household (once). */
  async open(id: string): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    try {
      const disclosure = await this.api.conventions.getDisclosure(id)
      runInAction(() => {
        if (generation !== this.generation) return
        this.details.set(id, disclosure)
        this.detailErrors.delete(id)
      })
      if (!disclosure.readByMe) await this.markRead(id)
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.detailErrors.set(id, messageOf(error))
      })
    }
  }

  private async markRead(id: string): Promise<void> {
    try {
      await this.api.conventions.markDisclosureRead(id)
    } catch {
      return
    }
    runInAction(() => {
      this.list.update((items) => items.map((d) => (d.id === id ? { ...d, readByMe: true } : d)))
      const detail = this.details.get(id)
      if (detail) this.details.set(id, { ...detail, readByMe: true })
    })
  }

  /**
   * Publish a disclosure (staff). Checked with the domain's rules first, so a wrong line shows
   * without a round trip. `key` is kept by the screen across retries of the same submission.
   */
  async publish(input: DisclosureInput, photos: LocalPhoto[], key: string, now: Date = new Date()): Promise<DisclosureOutcome> {
    if (this.publishing) return { ok: false, message: '正在发布，请稍候', fields: {} }
    const fields = validateDisclosure({ ...input, photoIds: photos.map((_, i) => `p${i}`) }, now)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    this.publishing = true
    const generation = this.generation
    try {
      const photoIds: string[] = []
      for (const photo of photos) {
        let id = this.uploaded.get(photo.path)
        if (!id) {
          id = (await this.api.media.uploadPhoto(photo)).id
          this.uploaded.set(photo.path, id)
        }
        photoIds.push(id)
      }
      const disclosure = await this.api.conventions.publishDisclosure(
        { ...input, title: cleanText(input.title), body: cleanText(input.body), photoIds },
        { idempotencyKey: key },
      )
      runInAction(() => {
        if (generation !== this.generation) return
        this.details.set(disclosure.id, disclosure)
        if (this.list.loaded && (!this.category || this.category === disclosure.category)) {
          this.list.update((items) => [summaryOf(disclosure), ...items.filter((d) => d.id !== disclosure.id)])
        }
      })
      return { ok: true, disclosure }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.publishing = false))
    }
  }

  clear(): void {
    this.generation += 1
    this.category = null
    this.list.clear()
    this.details.clear()
    this.detailErrors.clear()
    this.publishing = false
    this.uploaded.clear()
  }
}
