import { DEMO, expectError, newKey, startWorld, validReport, type Headers, type World } from './support/world'

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

describe('my reports owned three ways', () => {
  it('pages through what I filed, what I filed for neighbours and what was filed for my home: each once, newest first', async () => {
    // 周桂芳 (3号楼101, leads 3号楼 and 5号楼) owns reports three ways, filed interleaved so every page mixes them.
    const zhou = await world.as(DEMO.leader)
    const zhang = await world.as(DEMO.staff)
    const onBehalf = async (h: Headers, buildingId: string, room: string) => {
      const response = await world.inject({
        method: 'POST',
        url: '/api/v1/reports/on-behalf',
        headers: { ...h, 'idempotency-key': newKey() },
        payload: { ...validReport({ description: `代${buildingId}${room}反映：楼道灯不亮` }), onBehalfOf: { buildingId, room } },
      })
      if (response.statusCode !== 201) throw new Error(`on-behalf: ${response.statusCode} ${response.body}`)
      return response.json().id as string
    }
    const homeOnly: string[] = []
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 60_000)
      await world.file(zhou, { description: `周桂芳自己反映的第${i + 1}个问题` })
      await onBehalf(zhou, 'b-3', '201') // for 王秀兰: filed by me
      clock = new Date(clock.getTime() + 60_000)
      homeOnly.push(await onBehalf(zhang, 'b-3', '101')) // for my home, by staff
      await onBehalf(zhou, 'b-3', '101') // for my own home, by me: owned two ways at once
      await world.file(await world.as(DEMO.owner), { description: `王秀兰自己反映的第${i + 1}个问题` }) // not mine
    }
    // Filed while nobody in the home had an account: only the home makes them mine.
    for (const id of homeOnly) await world.db.query('UPDATE reports SET reporter_id = NULL WHERE id = $1', [id])

    const expected = (
      await world.db.query<{ id: string }>(
        `SELECT id FROM reports WHERE reporter_id = 'u-zhou' OR filed_by_id = 'u-zhou'
           OR (community_id = (SELECT community_id FROM users WHERE id = 'u-zhou') AND beneficiary_building_id = 'b-3' AND beneficiary_room = '101')
         ORDER BY created_at DESC, id DESC`,
      )
    ).map((r) => r.id)
    expect(expected.length).toBeGreaterThanOrEqual(20)
    expect(expected).toEqual(expect.arrayContaining(homeOnly))
    for (const limit of [1, 3, 7, 50]) {
      const items = (await walk('/api/v1/reports/mine', zhou, limit)).flatMap((p) => p.items)
      expect(items.map((i) => i.id)).toEqual(expected)
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

describe('cursors this server did not hand out', () => {
  const AT = '2026-11-01T00:00:00.000Z'
  /** `<createdAt>|<id>` (reports, sent notices, claims, proposals, votes, disclosures, discussions) and `<startsAt>|<id>` (bookings). */
  const KEYSET = [
    '0|0',
    'garbage',
    `${AT}|r_1|r_2`,
    `${AT.replace('.000Z', 'Z')}|r_1`,
    `${AT.replace('Z', '+00:00')}|r_1`,
    '1999-12-31T23:59:59.999Z|r_1',
    '2101-01-01T00:00:00.000Z|r_1',
    '+010000-01-01T00:00:00.000Z|r_1',
    '2026-02-30T00:00:00.000Z|r_1',
    `${AT}|r 1`,
    `${AT}|r'1`,
    `${AT}|${'r'.repeat(65)}`,
  ]
  /** The inbox's offset: a page's first row, written as `String(n)`. */
  const OFFSET = ['0', '007', '-5', '+5', '1.5', '1e3', '100001', ' 5']
  /** A thread's message number, from 1. */
  const SEQ = ['0', '01', '-1', '9007199254740993', '1.0', 'abc']
  /** Notices: `<pinned><urgent>|<publishedAt>|<id>`. */
  const NOTICE = ['0|0', '00|0|0', `21|${AT}|n_1`, `00|${AT}`, `00|${AT.replace('.000Z', 'Z')}|n_1`, `00|+010000-01-01T00:00:00.000Z|n_1`, `00|${AT}|n 1`, `00|${AT}|n_1|x`]

  let resident: Headers
  let staff: Headers
  let lists: Array<[string, () => string, () => Headers, string[]]>
  beforeAll(async () => {
    resident = await world.as(DEMO.chen)
    staff = await world.as(DEMO.staff)
    const proposal = (await world.inject({ url: '/api/v1/proposals?limit=1', headers: resident })).json().items[0].id as string
    lists = [
      ['my reports', () => '/api/v1/reports/mine?', () => resident, KEYSET],
      ['the public list', () => '/api/v1/reports/public?', () => resident, KEYSET],
      ['the inbox', () => '/api/v1/inbox?', () => staff, OFFSET],
      ['a thread', () => `/api/v1/threads/${encodeURIComponent(`report:${filed[0]}`)}/messages?`, () => resident, SEQ],
      ['the notices', () => '/api/v1/notices?', () => resident, NOTICE],
      ['the notices I sent', () => '/api/v1/notices/sent?', () => staff, KEYSET],
      ['the claims to review', () => '/api/v1/household-claims?status=approved&', () => staff, KEYSET],
      ['the proposals', () => '/api/v1/proposals?', () => resident, KEYSET],
      ['a discussion', () => `/api/v1/discussions?kind=proposal&id=${proposal}&`, () => resident, KEYSET],
      ['the votes', () => '/api/v1/votes?', () => resident, KEYSET],
      ['the disclosures', () => '/api/v1/disclosures?', () => resident, KEYSET],
      ['my past bookings', () => '/api/v1/bookings/past?', () => resident, KEYSET],
      ['the bookings to confirm', () => '/api/v1/bookings/pending?', () => staff, KEYSET],
    ]
    // A message in the thread, so that it has a page to cut.
    for (const body of ['第一条留言', '第二条留言']) {
      const sent = await world.inject({ method: 'POST', url: `/api/v1/reports/${filed[0]}/messages`, headers: resident, payload: { body } })
      expect(sent.statusCode).toBe(201)
    }
  })

  it('are a 400 on the cursor on every list that takes one; the cursors a page hands out still lead on', async () => {
    let followed = 0
    for (const [name, url, headers, bad] of lists) {
      for (const cursor of bad) {
        const response = await world.inject({ url: `${url()}cursor=${encodeURIComponent(cursor)}`, headers: headers() })
        if (response.statusCode !== 400) throw new Error(`${name}, cursor ${JSON.stringify(cursor)}: ${response.statusCode} ${response.body.slice(0, 200)}`)
        expect(expectError(response, 400, 'validation', ['cursor'])).toEqual({ cursor: '分页参数无效，请刷新' })
      }
      const first = await world.inject({ url: `${url()}limit=1`, headers: headers() })
      expect([name, first.statusCode]).toEqual([name, 200])
      const next = first.json().nextCursor as string | undefined
      if (!next) continue
      const second = await world.inject({ url: `${url()}limit=1&cursor=${encodeURIComponent(next)}`, headers: headers() })
      expect([name, second.statusCode]).toEqual([name, 200])
      followed += 1
    }
    // Most lists hold more than one item here, so their own cursors were put to the test.
    expect(followed).toBeGreaterThanOrEqual(8)
  })
})
