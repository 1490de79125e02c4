import type { Page } from '../../../types/domain'
import { ApiError } from '../../../src/api/errors'
import { PagedList } from '../../../src/stores/paged-list'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

interface Row {
  id: string
  n: number
}

const row = (n: number): Row => ({ id: `r${n}`, n })

/** A backend of `rows`, `size` a page; once held, its answers arrive when the test releases them. */
function backend(rows: Row[], size = 2) {
  const waiting: Array<() => void> = []
  const asked: Array<string | undefined> = []
  let held = false
  let fail: ApiError | null = null
  const fetchPage = (cursor: string | undefined): Promise<Page<Row>> => {
    asked.push(cursor)
    const start = cursor ? Number(cursor) : 0
    const answer = (): Page<Row> => {
      const items = rows.slice(start, start + size)
      return start + size < rows.length ? { items, nextCursor: String(start + size) } : { items }
    }
    if (fail) return Promise.reject(fail)
    // The page as the backend read it when asked; a held one arrives when the test says.
    const page = answer()
    if (!held) return Promise.resolve(page)
    return new Promise((resolve) => waiting.push(() => resolve(page)))
  }
  return {
    fetchPage,
    asked,
    rows,
    hold: () => void (held = true),
    /** Answer the oldest request still waiting. */
    releaseOldest: async () => {
      waiting.shift()?.()
      await Promise.resolve()
    },
    releaseNewest: async () => {
      waiting.pop()?.()
      await Promise.resolve()
    },
    failWith: (error: ApiError | null) => void (fail = error),
  }
}

describe('PagedList', () => {
  it('reads the first page, then the next ones, each row once', async () => {
    const b = backend([row(1), row(2), row(3), row(4), row(5)])
    const list = new PagedList(b.fetchPage)
    expect(list.loaded).toBe(false)
    expect(await list.refresh()).toBe(true)
    expect(list.items.map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(list.hasMore).toBe(true)
    // A row moved down between the reads: the next page starts with one already shown.
    b.rows.splice(0, 0, row(0))
    await list.loadMore()
    expect(list.items.map((r) => r.id)).toEqual(['r1', 'r2', 'r3'])
    await list.loadMore()
    expect(list.items.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'])
    expect(list.hasMore).toBe(false)
    await list.loadMore()
    expect(b.asked).toEqual([undefined, '2', '4'])
  })

  it('shows the answer to the latest first-page request, whatever order the answers arrive in', async () => {
    const b = backend([row(1), row(2), row(3)])
    const list = new PagedList(b.fetchPage)
    b.hold()
    const first = list.refresh()
    b.rows.splice(0, 1)
    const second = list.refresh()
    await b.releaseNewest()
    expect(await second).toBe(true)
    await b.releaseOldest()
    expect(await first).toBe(false)
    expect(list.items.map((r) => r.id)).toEqual(['r2', 'r3'])
    expect(list.loading).toBe(false)
  })

  it('drops a next page asked for before the list was read again, and frees "load more"', async () => {
    const b = backend([row(1), row(2), row(3), row(4)])
    const list = new PagedList(b.fetchPage)
    await list.refresh()
    b.hold()
    const more = list.loadMore()
    expect(list.loadingMore).toBe(true)
    const again = list.refresh()
    await b.releaseNewest()
    await again
    await b.releaseOldest()
    await more
    expect(list.items.map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(list.loadingMore).toBe(false)
  })

  it('forgets everything on clear, and drops what arrives after it', async () => {
    const b = backend([row(1), row(2), row(3)])
    const list = new PagedList(b.fetchPage)
    b.hold()
    const pending = list.refresh()
    list.clear()
    await b.releaseOldest()
    expect(await pending).toBe(false)
    expect(list.items).toEqual([])
    expect(list.loaded).toBe(false)
    expect(list.loading).toBe(false)
  })

  it('keeps what it shows when a read fails, and says why', async () => {
    const b = backend([row(1), row(2), row(3)])
    const list = new PagedList(b.fetchPage)
    await list.refresh()
    b.failWith(new ApiError('network'))
    expect(await list.refresh()).toBe(false)
    expect(list.items).toHaveLength(2)
    expect(list.error).toBe('网络不可用，请检查网络后重试')
    b.failWith(null)
    await list.loadMore()
    expect(list.error).toBeNull()
  })

  it('keeps its order through pages and local changes', async () => {
    const b = backend([row(5), row(3), row(4), row(1)])
    const list = new PagedList(b.fetchPage, (x, y) => x.n - y.n)
    await list.refresh()
    expect(list.items.map((r) => r.n)).toEqual([3, 5])
    await list.loadMore()
    expect(list.items.map((r) => r.n)).toEqual([1, 3, 4, 5])
    list.update((items) => [...items, row(2)])
    expect(list.items.map((r) => r.n)).toEqual([1, 2, 3, 4, 5])
  })
})
