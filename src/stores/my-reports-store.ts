import { makeAutoObservable, runInAction } from 'mobx'
import type { Report, ReportSummary } from '../../types/domain'
import type { ReportsApi } from '../api/client'
import { summarize } from '../domain/report-views'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

/** "My reports": newest first, a page at a time, pull to refresh. */
export class MyReportsStore {
  /** Pull to refresh in flight (the list stays on screen meanwhile). */
  refreshing = false
  private readonly list: PagedList<ReportSummary>

  constructor(api: ReportsApi, onSignOut: OnSignOut) {
    this.list = new PagedList((cursor) => api.listMine({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }))
    makeAutoObservable<MyReportsStore, 'list'>(this, { list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get items(): ReportSummary[] {
    return this.list.items
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  /** The first page is on its way and nothing is shown yet (a pull to refresh is `refreshing`). */
  get loading(): boolean {
    return this.list.loading && !this.refreshing
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

  /** First page (the list's first appearance); does nothing if it is already on screen. */
  async load(): Promise<void> {
    if (this.list.loaded || this.list.loading) return
    await this.list.refresh()
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return
    this.refreshing = true
    try {
      await this.list.refresh()
    } finally {
      runInAction(() => (this.refreshing = false))
    }
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /**
   * A report just delivered (from the form or the outbox) goes on top without a reload. Delivery
   * proves the network is back: a list still showing an earlier failure is fetched again.
   */
  prepend(report: Report): void {
    if (this.error && !this.refreshing) void this.refresh()
    if (this.items.some((i) => i.id === report.id)) return
    this.list.update((items) => [summarize(report), ...items])
  }

  /** Keep a row in step with a detail the user just saw or changed. */
  patch(report: Report): void {
    this.list.update((items) => items.map((i) => (i.id === report.id ? summarize(report) : i)))
  }

  clear(): void {
    this.list.clear()
  }
}
