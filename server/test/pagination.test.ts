import { DEMO, expectError, startWorld, type World } from './support/world'

/** Fixed, strictly increasing times, several reports per millisecond-identical instant to test ties. */
let clock = new Date('2026-11-01T00:00:00.000Z')
let world: World
const filed: string[] = []

beforeAll(async () => {
  world = await startWorld({ now: () => clock, rateLimits: { submit: { max: 1000, timeWindowMs: 60_000 } } })
  const owner = await world.as(DEMO.chen)
  for (let i = 0; i < 45; i++) {
    // Every third report shares its instant with the one before: the id breaks the tie.
    if (i % 3 !== 0) clock = new Date(clock.getTime() + 60_000)
    filed.push(await world.file(owner, { description: `第${i + 1}条：一号楼附近的问题描述` }))
  }
})
afterAll(() => world.close())

async function walk(url: string, headers: Record<string, string>, limit: number) {
  const pages: Array<{ items: Array<{ id: string; createdAt: string; status: string; deadlineAt: string }>; nextCursor?: string }> = []
  let cursor: string | undefined
  do {
    const response = await world.inject({ url: `${url}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers })
    expect(response.statusCode).toBe(200)
    const page = response.json()
    pages.push(page)
    cursor = page.nextCursor
  } while (cursor && pages.length < 100)
  return pages
}

describe('keyset pagination of my reports', () => {
  it('walks every report exactly once, newest first, in pages of the asked size', async () => {
    const headers = await world.as(DEMO.chen)
    const pages = await walk('/api/v1/reports/mine', headers, 10)
    const items = pages.flatMap((p) => p.items)
    // u-chen also filed one report in the seed.
    expect(items).toHaveLength(46)
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 10, 10, 6])
    expect(pages.at(-1)!.nextCursor).toBeUndefined()
    expect(new Set(items.map((i) => i.id)).size).toBe(46)
    expect(items.map((i) => i.id).filter((id) => filed.includes(id)).sort()).toEqual([...filed].sort())
    // Newest first; reports filed at the same instant in descending id order (the domain's compareNewestFirst).
    for (let i = 1; i < items.length; i++) {
      const [prev, next] = [items[i - 1], items[i]]
      expect(prev.createdAt > next.createdAt || (prev.createdAt === next.createdAt && prev.id > next.id)).toBe(true)
    }
  })

  it('is stable under inserts: a report filed between pages does not shift the next page', async () => {
    const headers = await world.as(DEMO.chen)
    const first = (await world.inject({ url: '/api/v1/reports/mine?limit=5', headers })).json()
    clock = new Date(clock.getTime() + 60_000)
    await world.file(headers, { description: '翻页过程中新提交的一条诉求' })
    const second = (await world.inject({ url: `/api/v1/reports/mine?limit=5&cursor=${encodeURIComponent(first.nextCursor)}`, headers })).json()
    const seen = new Set(first.items.map((i: { id: string }) => i.id))
    expect(second.items.some((i: { id: string }) => seen.has(i.id))).toBe(false)
    expect(second.items[0].createdAt <= first.items[4].createdAt).toBe(true)
  })

  it('uses the domain’s cursor: createdAt|id of the last item', async () => {
    const headers = await world.as(DEMO.chen)
    const page = (await world.inject({ url: '/api/v1/reports/mine?limit=3', headers })).json()
    const last = page.items[2]
    expect(page.nextCursor).toBe(`${last.createdAt}|${last.id}`)
  })

  it('defaults to 20 and refuses limits outside 1..50 and malformed cursors (400)', async () => {
    const headers = await world.as(DEMO.chen)
    expect((await world.inject({ url: '/api/v1/reports/mine', headers })).json().items).toHaveLength(20)
    expect((await world.inject({ url: '/api/v1/reports/mine?limit=50', headers })).json().items).toHaveLength(47)
    for (const limit of ['0', '51', '-1', '1.5', 'ten', '']) {
      expectError(await world.inject({ url: `/api/v1/reports/mine?limit=${limit}`, headers }), 400, 'validation', ['limit'])
    }
    for (const cursor of ['garbage', 'not-a-date|r_1', '|', '2026-11-01T00:00:00.000Z|', '+275760-09-13T00:00:00.000Z|r_x', 'x'.repeat(201)]) {
      expectError(await world.inject({ url: `/api/v1/reports/mine?cursor=${encodeURIComponent(cursor)}`, headers }), 400, 'validation', ['cursor'])
    }
  })
})

describe('paging the inbox and the public list', () => {
  it('walks the staff inbox without repeats, most urgent first', async () => {
    const headers = await world.as(DEMO.staff)
    const pages = await walk('/api/v1/inbox', headers, 7)
    const items = pages.flatMap((p) => p.items)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(items.length).toBeGreaterThanOrEqual(53)
    const rank = (i: { status: string; deadlineAt: string }) =>
      ['closed', 'rejected', 'merged'].includes(i.status) ? 3 : i.status === 'resolved' ? 2 : Date.parse(i.deadlineAt) < clock.getTime() ? 0 : 1
    for (let i = 1; i < items.length; i++) expect(rank(items[i - 1])).toBeLessThanOrEqual(rank(items[i]))
    expectError(await world.inject({ url: '/api/v1/inbox?cursor=abc', headers }), 400, 'validation', ['cursor'])
  })

  it('walks the public list of another resident page by page', async () => {
    const headers = await world.as(DEMO.owner)
    const items = (await walk('/api/v1/reports/public', headers, 9)).flatMap((p) => p.items)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(items.length).toBeGreaterThanOrEqual(47)
  })
})
