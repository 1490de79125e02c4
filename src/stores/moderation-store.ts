import { makeAutoObservable, runInAction } from 'mobx'
import type { Id, ModerationItem } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { validateModerationReason } from '../domain/moderation/rules'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE = 20
/** How many held texts the workspace counts before it says "50+". */
const COUNT_LIMIT = 50

/** What a decision came to: done, or the message to show at the item (a field message for the reason). */
export type ModerationDecision = { ok: true; item: ModerationItem } | { ok: false; message: string; field?: 'reason' }

/**
 * The moderation queue (审核, issue 13): the community's texts the content check held, oldest first,
 * for staff and admins to publish (通过) or refuse with a reason their author reads (不通过). A
 * decided item leaves the list.
 */
export class ModerationStore {
  readonly list: PagedList<ModerationItem>
  /** Held texts (at most COUNT_LIMIT counted), for the workspace; null until counted. */
  heldCount: number | null = null
  heldMore = false
  /** The item a decision is on its way for. */
  busyId: Id | null = null
  /** Why a decision on an item was refused, by item. */
  rowErrors: Record<Id, string> = {}
  /** The item whose 不通过 form is open, with the reason as typed (kept while its row scrolls away). */
  rejectingId: Id | null = null
  reason = ''
  reasonError: string | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'moderation' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    // Oldest first: whoever waited longest is read first (the backend's order, kept after local changes).
    this.list = new PagedList<ModerationItem>(
      (cursor) => this.api.moderation.listHeld({ limit: PAGE, ...(cursor ? { cursor } : {}) }),
      (a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1),
    )
    makeAutoObservable<ModerationStore, 'api'>(this, { api: false, list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.moderation
  }

  get items(): ModerationItem[] {
    return this.list.items
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  get loading(): boolean {
    return this.list.loading
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  /** The first page, once (a page shown again refreshes instead). */
  async load(): Promise<void> {
    if (!this.available || this.list.loaded) return
    await this.refresh()
  }

  async refresh(): Promise<void> {
    if (!this.available) return
    await this.list.refresh()
    await this.recount()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** How many texts wait (the workspace's number); quietly nothing when it cannot be read. */
  async countHeld(): Promise<void> {
    if (!this.available) return
    try {
      const page = await this.api.moderation.listHeld({ limit: COUNT_LIMIT })
      runInAction(() => {
        this.heldCount = page.items.length
        this.heldMore = page.nextCursor !== undefined
      })
    } catch {
      runInAction(() => (this.heldCount = null))
    }
  }

  openReject(itemId: Id): void {
    if (this.rejectingId !== itemId) this.reason = ''
    this.rejectingId = itemId
    this.reasonError = null
  }

  closeReject(): void {
    this.rejectingId = null
    this.reason = ''
    this.reasonError = null
  }

  setReason(text: string): void {
    this.reason = text
    this.reasonError = null
  }

  /** A common reason tapped: added to what is written. */
  addReason(text: string): void {
    const now = this.reason.trim()
    this.setReason(now ? `${now}；${text}` : text)
  }

  /** Send the open form's reason. */
  async rejectOpen(): Promise<ModerationDecision> {
    const itemId = this.rejectingId
    if (!itemId) return { ok: false, message: '请先选择要处理的内容' }
    const outcome = await this.reject(itemId, this.reason)
    runInAction(() => {
      if (outcome.ok) this.closeReject()
      else if (outcome.field === 'reason') this.reasonError = outcome.message
    })
    return outcome
  }

  /** 通过: the text is published. */
  approve(itemId: Id): Promise<ModerationDecision> {
    return this.decide(itemId, () => this.api.moderation.approve(itemId))
  }

  /** 不通过 with a reason its author reads; a reason the rules refuse is not sent. */
  reject(itemId: Id, reason: string): Promise<ModerationDecision> {
    const problem = validateModerationReason(reason)
    if (problem) return Promise.resolve({ ok: false, message: problem, field: 'reason' })
    return this.decide(itemId, () => this.api.moderation.reject(itemId, reason.trim()))
  }

  private async decide(itemId: Id, send: () => Promise<ModerationItem>): Promise<ModerationDecision> {
    if (this.busyId) return { ok: false, message: '正在处理上一条，请稍候' }
    this.busyId = itemId
    delete this.rowErrors[itemId]
    try {
      const item = await send()
      runInAction(() => {
        const wasListed = this.items.some((i) => i.id === itemId)
        this.list.update((items) => items.filter((i) => i.id !== itemId))
        if (wasListed && this.heldCount !== null && this.heldCount > 0) this.heldCount -= 1
      })
      return { ok: true, item }
    } catch (error) {
      const message = messageOf(error)
      const field = isApiError(error) && error.fields.reason ? ('reason' as const) : undefined
      runInAction(() => {
        if (!field) this.rowErrors[itemId] = message
        // Decided by someone else meanwhile: the list is read again, so the item leaves it.
        if (isApiError(error) && (error.kind === 'conflict' || error.kind === 'not_found')) void this.refresh()
      })
      return { ok: false, message, ...(field ? { field } : {}) }
    } finally {
      runInAction(() => (this.busyId = null))
    }
  }

  /** The list, when it is shown whole, is the count; otherwise ask. */
  private async recount(): Promise<void> {
    if (this.list.loaded && !this.list.hasMore && !this.list.error) {
      this.heldCount = this.list.items.length
      this.heldMore = false
    } else await this.countHeld()
  }

  clear(): void {
    this.list.clear()
    this.heldCount = null
    this.heldMore = false
    this.busyId = null
    this.rowErrors = {}
    this.rejectingId = null
    this.reason = ''
    this.reasonError = null
  }
}
