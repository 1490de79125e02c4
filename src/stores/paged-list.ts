import { makeAutoObservable, runInAction } from 'mobx'
import type { Page } from '../../types/domain'
import { messageOf } from '../api/errors'
import { appendPage } from '../domain/pages'

/** Reads one page: the first when `cursor` is undefined, else the one the cursor points at. */
export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>

/**
 * A list read a page at a time from the backend (my reports, the inbox, notices, a thread's
 * messages). The latest first-page request wins: an answer to an earlier one, or one that arrives
 * after `clear`, is dropped, and so is a next page asked for before the list was read again. A
 * failed request keeps what is shown and says why in `error`.
 */
export class PagedList<T extends { id: string }> {
  items: T[] = []
  nextCursor: string | undefined = undefined
  /** The first page has arrived at least once (since the last `clear`). */
  loaded = false
  /** A first page is on its way. */
  loading = false
  loadingMore = false
  error: string | null = null
  private generation = 0
  private moreRequest = 0

  constructor(
    private readonly fetchPage: FetchPage<T>,
    /** Kept after every page and every local change, when the list has an order of its own. */
    private readonly order?: (a: T, b: T) => number,
  ) {
    makeAutoObservable<PagedList<T>, 'fetchPage' | 'order' | 'generation' | 'moreRequest'>(
      this,
      { fetchPage: false, order: false, generation: false, moreRequest: false },
      { autoBind: true },
    )
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined
  }

  /** Read the first page again, replacing the list. Resolves `true` when this answer is the one shown. */
  async refresh(): Promise<boolean> {
    const generation = ++this.generation
    this.loading = true
    try {
      const page = await this.fetchPage(undefined)
      return runInAction(() => {
        if (generation !== this.generation) return false
        this.items = this.sorted(page.items)
        this.nextCursor = page.nextCursor
        this.loaded = true
        this.error = null
        return true
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
      return false
    } finally {
      runInAction(() => {
        if (generation === this.generation) this.loading = false
      })
    }
  }

  /** The next page after the list, leaving out rows it already has. Nothing while a first page is on its way. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor
    if (!cursor || this.loadingMore || this.loading) return
    const generation = this.generation
    const request = ++this.moreRequest
    this.loadingMore = true
    try {
      const page = await this.fetchPage(cursor)
      runInAction(() => {
        if (generation !== this.generation) return
        this.items = this.sorted(appendPage(this.items, page.items))
        this.nextCursor = page.nextCursor
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (request === this.moreRequest) this.loadingMore = false
      })
    }
  }

  /** A change made here without a reload (a report delivered, a row handled, a message sent). */
  update(change: (items: T[]) => T[]): void {
    this.items = this.sorted(change(this.items))
  }

  /** Forget the list; whatever is still on its way is dropped when it arrives. */
  clear(): void {
    this.generation += 1
    this.moreRequest += 1
    this.items = []
    this.nextCursor = undefined
    this.loaded = false
    this.loading = false
    this.loadingMore = false
    this.error = null
  }

  private sorted(items: T[]): T[] {
    return this.order ? [...items].sort(this.order) : items
  }
}
