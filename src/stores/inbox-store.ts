import { makeAutoObservable, runInAction } from 'mobx'
import type { InboxQuery } from '../../types/api'
import type { Report, ReportStatus, ReportSummary } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'
import { appendPage } from '../domain/pages'
import { summarize } from '../domain/report-views'

const PAGE_SIZE = 20

/** The status chips of the inbox: what a handler thinks in, not the raw machine. */
export type InboxStatusGroup = 'open' | 'waiting' | 'working' | 'resolved' | 'ended' | 'all'

export const INBOX_STATUS_GROUPS: Record<InboxStatusGroup, ReportStatus[] | undefined> = {
  open: ['submitted', 'transferred', 'reopened', 'accepted', 'in_progress'],
  waiting: ['submitted', 'transferred', 'reopened'],
  working: ['accepted', 'in_progress'],
  resolved: ['resolved'],
  ended: ['closed', 'rejected', 'merged'],
  all: undefined,
}

export interface InboxFilter {
  group: InboxStatusGroup
  categoryId?: string
  gridId?: string
  overdueOnly: boolean
  escalatedOnly: boolean
}

const DEFAULT_FILTER: InboxFilter = { group: 'open', overdueOnly: false, escalatedOnly: false }

/**
 * The handler's inbox: reports of my community (staff) or my grids (grid worker), most urgent first
 * (the backend sorts), filtered, a page at a time. A filter change reloads from the first page; an
 * answer to an older filter is dropped.
 */
export class InboxStore {
  filter: InboxFilter = { ...DEFAULT_FILTER }
  items: ReportSummary[] = []
  nextCursor: string | undefined = undefined
  loaded = false
  loading = false
  loadingMore = false
  error: string | null = null
  private generation = 0

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<InboxStore, 'api' | 'generation'>(this, { api: false, generation: false }, { autoBind: true })
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined
  }

  get filtered(): boolean {
    const f = this.filter
    return f.group !== DEFAULT_FILTER.group || Boolean(f.categoryId || f.gridId || f.overdueOnly || f.escalatedOnly)
  }

  query(cursor?: string): InboxQuery {
    const f = this.filter
    const status = INBOX_STATUS_GROUPS[f.group]
    return {
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      ...(status ? { status } : {}),
      ...(f.categoryId ? { categoryId: f.categoryId } : {}),
      ...(f.gridId ? { gridId: f.gridId } : {}),
      ...(f.overdueOnly ? { overdueOnly: true } : {}),
      ...(f.escalatedOnly ? { escalatedOnly: true } : {}),
    }
  }

  /** Change the filter and show its first page. */
  setFilter(patch: Partial<InboxFilter>): Promise<void> {
    this.filter = { ...this.filter, ...patch }
    return this.refresh()
  }

  resetFilter(): Promise<void> {
    this.filter = { ...DEFAULT_FILTER }
    return this.refresh()
  }

  /** First appearance: loads once. */
  async load(): Promise<void> {
    if (this.loaded || this.loading) return
    await this.refresh()
  }

  /** Pull to refresh, page shown again, or a filter change: the first page under the current filter. */
  async refresh(): Promise<void> {
    const generation = ++this.generation
    this.loading = true
    try {
      const page = await this.api.handling.listInbox(this.query())
      runInAction(() => {
        if (generation !== this.generation) return
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.loaded = true
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (generation === this.generation) this.loading = false
      })
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore || this.loading) return
    const generation = this.generation
    this.loadingMore = true
    try {
      const page = await this.api.handling.listInbox(this.query(this.nextCursor))
      runInAction(() => {
        if (generation !== this.generation) return
        this.items = appendPage(this.items, page.items)
        this.nextCursor = page.nextCursor
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.loadingMore = false))
    }
  }

  /** Keep a row in step with a report just handled. */
  patch(report: Report): void {
    this.items = this.items.map((i) => (i.id === report.id ? summarize(report) : i))
  }

  clear(): void {
    this.generation += 1
    this.filter = { ...DEFAULT_FILTER }
    this.items = []
    this.nextCursor = undefined
    this.loaded = false
    this.loading = false
    this.loadingMore = false
    this.error = null
  }
}
