import { makeAutoObservable, runInAction } from 'mobx'
import type { NoticeInput } from '../../types/api'
import type { Notice, NoticeReceipts } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { compareNotices, validateNotice } from '../domain/notices'
import { appendPage } from '../domain/pages'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'

const PAGE_SIZE = 20

export type PublishOutcome = { ok: true; notice: Notice } | { ok: false; message: string; fields: FieldErrors }

/** Notices and building broadcasts: the list in 消息, one notice opened (and marked read), receipts, publishing. */
export class NoticesStore {
  items: Notice[] = []
  nextCursor: string | undefined = undefined
  loaded = false
  loading = false
  loadingMore = false
  error: string | null = null
  unread = 0
  details = new Map<string, Notice>()
  detailErrors = new Map<string, string>()
  receipts = new Map<string, NoticeReceipts>()
  receiptErrors = new Map<string, string>()
  publishing = false

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<NoticesStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  get available(): boolean {
    return this.api.capabilities.notices
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined
  }

  /** Notices this person sent (a leader's broadcasts), for their receipts. */
  sentBy(userId: string | undefined): Notice[] {
    return userId ? this.items.filter((n) => n.authorId === userId) : []
  }

  async refresh(): Promise<void> {
    if (!this.available || this.loading) return
    this.loading = true
    try {
      const [page, unread] = await Promise.all([this.api.notices.list({ limit: PAGE_SIZE }), this.api.notices.unreadCount()])
      runInAction(() => {
        this.items = [...page.items].sort(compareNotices)
        this.nextCursor = page.nextCursor
        this.unread = unread
        this.loaded = true
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return
    this.loadingMore = true
    try {
      const page = await this.api.notices.list({ cursor: this.nextCursor, limit: PAGE_SIZE })
      runInAction(() => {
        this.items = appendPage(this.items, page.items)
        this.nextCursor = page.nextCursor
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.loadingMore = false))
    }
  }

  /** The count on the 消息 tab; quiet on failure (the badge keeps its last value). */
  async refreshUnread(): Promise<void> {
    if (!this.available) return
    try {
      const unread = await this.api.notices.unreadCount()
      runInAction(() => (this.unread = unread))
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
      this.items = this.items.map(mark)
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
        this.items = [notice, ...this.items.filter((n) => n.id !== notice.id)].sort(compareNotices)
      })
      return { ok: true, notice }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.publishing = false))
    }
  }

  clear(): void {
    this.items = []
    this.nextCursor = undefined
    this.loaded = false
    this.error = null
    this.unread = 0
    this.details.clear()
    this.detailErrors.clear()
    this.receipts.clear()
    this.receiptErrors.clear()
  }
}
