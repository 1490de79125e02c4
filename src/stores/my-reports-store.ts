import { makeAutoObservable, runInAction } from 'mobx'
import type { Report, ReportSummary } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { messageOf } from '../api/errors'
import { appendPage } from '../domain/pages'
import { summarize } from '../domain/report-views'

const PAGE_SIZE = 10

/** "My reports": newest first, a page at a time, pull to refresh. */
export class MyReportsStore {
  items: ReportSummary[] = []
  nextCursor: string | undefined = undefined
  loaded = false
  loading = false
  refreshing = false
  loadingMore = false
  error: string | null = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<MyReportsStore, 'api'>(this, { api: false }, { autoBind: true })
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined
  }

  /** First page (the list's first appearance); does nothing if it is already on screen. */
  async load(): Promise<void> {
    if (this.loaded || this.loading) return
    this.loading = true
    await this.fetchFirst()
    runInAction(() => (this.loading = false))
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return
    this.refreshing = true
    await this.fetchFirst()
    runInAction(() => (this.refreshing = false))
  }

  private async fetchFirst(): Promise<void> {
    try {
      const page = await this.api.reports.listMine({ limit: PAGE_SIZE })
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.loaded = true
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return
    this.loadingMore = true
    try {
      const page = await this.api.reports.listMine({ cursor: this.nextCursor, limit: PAGE_SIZE })
      runInAction(() => {
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

  /**
   * A report just delivered (from the form or the outbox) goes on top without a reload. Delivery
   * proves the network is back: a list still showing an earlier failure is fetched again.
   */
  prepend(report: Report): void {
    if (this.error && !this.refreshing) void this.refresh()
    if (this.items.some((i) => i.id === report.id)) return
    this.items = [summarize(report), ...this.items]
  }

  /** Keep a row in step with a detail the user just saw or changed. */
  patch(report: Report): void {
    this.items = this.items.map((i) => (i.id === report.id ? summarize(report) : i))
  }

  clear(): void {
    this.items = []
    this.nextCursor = undefined
    this.loaded = false
    this.error = null
  }
}
