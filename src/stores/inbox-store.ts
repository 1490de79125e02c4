import { makeAutoObservable } from 'mobx'
import type { InboxQuery } from '../../types/api'
import type { Report, ReportStatus, ReportSummary } from '../../types/domain'
import type { HandlingApi } from '../api/client'
import { summarize } from '../domain/report-views'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

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
  private readonly list: PagedList<ReportSummary>

  constructor(api: HandlingApi, onSignOut: OnSignOut) {
    // The query is made when the page is asked for: always under the filter of that moment.
    this.list = new PagedList((cursor) => api.listInbox(this.query(cursor)))
    makeAutoObservable<InboxStore, 'list'>(this, { list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get items(): ReportSummary[] {
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
    if (this.list.loaded || this.list.loading) return
    await this.refresh()
  }

  /** Pull to refresh, page shown again, or a filter change: the first page under the current filter. */
  async refresh(): Promise<void> {
    await this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** Keep a row in step with a report just handled. */
  patch(report: Report): void {
    this.list.update((items) => items.map((i) => (i.id === report.id ? summarize(report) : i)))
  }

  clear(): void {
    this.filter = { ...DEFAULT_FILTER }
    this.list.clear()
  }
}
