import { makeAutoObservable, runInAction } from 'mobx'
import type { NoticeInput } from '../../types/api'
import type { Notice, NoticeReceipts, SentNotice } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { compareNotices, compareSentNotices, validateNotice } from '../domain/notices'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

export type PublishOutcome = { ok: true; notice: Notice } | { ok: false; message: string; fields: FieldErrors }

/** Notices and building broadcasts: the list in 消息, one notice opened (and marked read), receipts, publishing. */
export class NoticesStore {
  unread = 0
  details = new Map<string, Notice>()
  detailErrors = new Map<string, string>()
  receipts = new Map<string, NoticeReceipts>()
  receiptErrors = new Map<string, string>()
  publishing = false
  private readonly list: PagedList<Notice>
  private readonly sentList: PagedList<SentNotice>
  /** Bumped by `clear`: a count asked for the previous user is not shown to the next. */
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'notices' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    this.list = new PagedList((cursor) => api.notices.list({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }), compareNotices)
    this.sentList = new PagedList((cursor) => api.notices.listSent({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }), compareSentNotices)
    makeAutoObservable<NoticesStore, 'api' | 'list' | 'sentList' | 'generation'>(
      this,
      { api: false, list: false, sentList: false, generation: false },
      { autoBind: true },
    )
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.notices
  }

  get items(): Notice[] {
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

  /** 我发的通知: what I published, newest first, each with its read count by household. */
  get sent(): SentNotice[] {
    return this.sentList.items
  }

  get sentLoaded(): boolean {
    return this.sentList.loaded
  }

  get sentError(): string | null {
    return this.sentList.error
  }

  get sentHasMore(): boolean {
    return this.sentList.hasMore
  }

  async refreshSent(): Promise<void> {
    if (!this.available || this.sentList.loading) return
    await this.sentList.refresh()
  }

  loadMoreSent(): Promise<void> {
    return this.sentList.loadMore()
  }

  /** The first page and the unread count, together. */
  async refresh(): Promise<void> {
    if (!this.available || this.list.loading) return
    await Promise.all([this.list.refresh(), this.refreshUnread()])
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** The count on the 消息 tab; quiet on failure (the badge keeps its last value). */
  async refreshUnread(): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    try {
      const unread = await this.api.notices.unreadCount()
      runInAction(() => {
        if (generation === this.generation) this.unread = unread
      })
    } catch {
      // keep the last count
    }
  }

  get(id: string): Notice | undefined {
    return this.details.get(id) ?? this.items.find((n) => n.id === id)
  }

  /** Open a notice: fetch it, and mark it read for me (once). */
  async open(id: string): Promise<void> {
    try {
      const notice = await this.api.notices.get(id)
      runInAction(() => {
        this.details.set(id, notice)
        this.detailErrors.delete(id)
      })
      if (!notice.read) await this.markRead(id)
    } catch (error) {
      runInAction(() => this.detailErrors.set(id, messageOf(error)))
    }
  }

  private async markRead(id: string): Promise<void> {
    try {
      await this.api.notices.markRead(id)
    } catch {
      return
    }
    runInAction(() => {
      const wasUnread = this.items.some((n) => n.id === id && !n.read) || this.details.get(id)?.read === false
      const mark = (n: Notice) => (n.id === id ? { ...n, read: true } : n)
      this.list.update((items) => items.map(mark))
      const detail = this.details.get(id)
      if (detail) this.details.set(id, mark(detail))
      if (wasUnread) this.unread = Math.max(0, this.unread - 1)
    })
    void this.refreshUnread()
  }

  async loadReceipts(id: string): Promise<void> {
    try {
      const receipts = await this.api.notices.receipts(id)
      runInAction(() => {
        this.receipts.set(id, receipts)
        this.receiptErrors.delete(id)
      })
    } catch (error) {
      runInAction(() => this.receiptErrors.set(id, messageOf(error)))
    }
  }

  /** Checked with the domain's rules first, so a mistake shows without a round trip. */
  async publish(input: NoticeInput, now: Date = new Date()): Promise<PublishOutcome> {
    if (this.publishing) return { ok: false, message: '正在发布，请稍候', fields: {} }
    const fields = validateNotice(input, now)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    this.publishing = true
    try {
      const notice = await this.api.notices.publish({ ...input, title: cleanText(input.title), body: cleanText(input.body) })
      runInAction(() => {
        this.details.set(notice.id, notice)
        this.list.update((items) => [notice, ...items.filter((n) => n.id !== notice.id)])
      })
      // Its read count comes from the backend (the author's household may already count as read).
      if (this.sentList.loaded) void this.sentList.refresh()
      return { ok: true, notice }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.publishing = false))
    }
  }

  clear(): void {
    this.generation += 1
    this.list.clear()
    this.sentList.clear()
    this.unread = 0
    this.details.clear()
    this.detailErrors.clear()
    this.receipts.clear()
    this.receiptErrors.clear()
  }
}
