import { DEMO, expectError, startWorld, type Headers, type World } from './support/world'

/**
 * Notices (通知公告) and building broadcasts on the server: the seeded notices, who may publish
 * where, who sees what (404 otherwise), expiry on the server's clock, order and paging, and read
 * receipts by household.
 */

let clock = new Date('2026-11-21T08:00:00.000Z')
let world: World
let h: Record<'wang' | 'li' | 'zhao' | 'chen' | 'zhou' | 'sun' | 'zhang' | 'leader2' | 'otherStaff', Headers>
beforeAll(async () => {
  world = await startWorld({ now: () => clock })
  await world.db.exec(`
    INSERT INTO users (id, community_id, name, phone, roles, home_building_id, home_room, leads_building_ids, demo)
      VALUES ('u-leader2', 'c-yingyue', '钱楼长', '13900000001', '{resident,building_leader}', 'b-1', '201', '{b-1,b-3}', true);
    INSERT INTO communities (id, name, kind, district, street_id, join_code, report_prefix) VALUES ('c-other', '临溪村', 'village', '某镇', 's-dongting', 'LXLX22', 'LX');
    INSERT INTO users (id, community_id, name, phone, roles, demo) VALUES ('u-other-staff', 'c-other', '村干部', '13900000000', '{staff}', true);
  `)
  const ids = { wang: DEMO.owner, li: DEMO.neighbour, zhao: DEMO.zhao, chen: DEMO.chen, zhou: DEMO.leader, sun: DEMO.gridWorker2, zhang: DEMO.staff, leader2: 'u-leader2', otherStaff: 'u-other-staff' }
  h = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await world.as(id)]))) as typeof h
})
afterAll(() => world.close())

const api = '/api/v1'
interface NoticeJson {
  id: string
  title: string
  pinned: boolean
  urgent: boolean
  read: boolean
  publishedAt: string
  expiresAt?: string
  scope: { kind: string; buildingIds?: string[] }
}
const publish = (headers: Headers, over: Record<string, unknown> = {}) =>
  world.inject({
    method: 'POST',
    url: `${api}/notices`,
    headers,
    payload: { title: '测试通知', body: '本周六上午在小广场义诊。', scope: { kind: 'community' }, urgent: false, pinned: false, ...over },
  })
const get = (headers: Headers, id: string, tail = '') => world.inject({ url: `${api}/notices/${id}${tail}`, headers })
const unread = async (headers: Headers) => (await world.inject({ url: `${api}/notices/unread-count`, headers })).json().count as number
async function all(headers: Headers, limit = 50): Promise<NoticeJson[]> {
  const out: NoticeJson[] = []
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) {
    const r = await world.inject({ url: `${api}/notices?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers })
    expect(r.statusCode).toBe(200)
    out.push(...r.json().items)
    cursor = r.json().nextCursor
    if (!cursor) return out
  }
  throw new Error('never ended')
}
const titles = (list: NoticeJson[]) => list.map((n) => n.title)

describe('the seeded notices', () => {
  it('shows the community notice to everyone and the 3号楼 broadcast to 3号楼 only', async () => {
    for (const who of ['wang', 'li', 'zhou'] as const) expect(titles(await all(h[who]))).toEqual(['冬季消防安全提示', '3号楼电梯保养通知'])
    for (const who of ['zhao', 'chen', 'sun'] as const) expect(titles(await all(h[who]))).toEqual(['冬季消防安全提示'])
    expect(await unread(h.wang)).toBe(2)
    expect(await unread(h.zhao)).toBe(1)
    // Each author has read their own.
    const forZhou = await all(h.zhou)
    expect(forZhou.map((n) => [n.title, n.read])).toEqual([
      ['冬季消防安全提示', false],
      ['3号楼电梯保养通知', true],
    ])
    expect(await all(h.otherStaff)).toEqual([])
  })
})

describe('publishing', () => {
  it('lets a leader broadcast to their own building (201) but not to another or the community (403)', async () => {
    const own = await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-5', 'b-5'] }, title: '5号楼停电' })
    expect(own.statusCode).toBe(201)
    expect(own.json()).toMatchObject({ scope: { kind: 'buildings', buildingIds: ['b-5'] }, authorId: 'u-zhou', read: true, communityId: 'c-yingyue' })
    expectError(await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-8'] } }), 403, 'forbidden')
    expectError(await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-3', 'b-8'] } }), 403, 'forbidden')
    expectError(await publish(h.zhou, { scope: { kind: 'community' } }), 403, 'forbidden')
    // Who may publish is decided before the text (403, not 422).
    expectError(await publish(h.zhou, { scope: { kind: 'community' }, title: '' }), 403, 'forbidden')
    expectError(await publish(h.wang, { title: '' }), 403, 'forbidden')
    expectError(await publish(h.sun), 403, 'forbidden')
    // Staff of another community cannot reach our buildings.
    expectError(await publish(h.otherStaff, { scope: { kind: 'buildings', buildingIds: ['b-3'] } }), 403, 'forbidden')
    const [{ count }] = await world.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM notices WHERE title <> '5号楼停电' AND published_at = $1`, [clock])
    expect(count).toBe(0)
  })

  it('refuses a notice that breaks a rule (422) with a message per field', async () => {
    for (const [over, field] of [
      [{ title: '通' }, 'title'],
      [{ title: '通'.repeat(51) }, 'title'],
      [{ body: ' ' }, 'body'],
      [{ scope: { kind: 'buildings', buildingIds: [] } }, 'scope'],
      [{ scope: { kind: 'buildings', buildingIds: Array.from({ length: 51 }, () => 'b-3') } }, 'scope'],
      [{ expiresAt: clock.toISOString() }, 'expiresAt'],
    ] as Array<[Record<string, unknown>, string]>) {
      expectError(await publish(h.zhang, over), 422, 'validation', [field])
    }
  })

  it('keeps markup as plain text (trimmed, never escaped)', async () => {
    const body = '<script>alert(1)</script> 今晚 7:00 & 8:00'
    const published = await publish(h.zhang, { title: '<b>通知</b>', body: `  ${body}  ` })
    expect(published.json()).toMatchObject({ title: '<b>通知</b>', body })
    expect((await get(h.wang, published.json().id)).json().body).toBe(body)
  })
})

describe('reading', () => {
  it('hides another building’s broadcast from a resident (404 on get, read and receipts)', async () => {
    const b3 = (await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-3'] }, title: '3号楼楼道清理' })).json()
    for (const who of ['zhao', 'chen', 'sun', 'otherStaff'] as const) {
      expectError(await get(h[who], b3.id), 404, 'not_found')
      expectError(await world.inject({ method: 'POST', url: `${api}/notices/${b3.id}/read`, headers: h[who] }), 404, 'not_found')
      expectError(await get(h[who], b3.id, '/receipts'), 404, 'not_found')
    }
    expectError(await get(h.wang, 'n_doesnotexist'), 404, 'not_found')
    expect((await get(h.wang, b3.id)).json()).toMatchObject({ id: b3.id, read: false })
  })

  it('marks read once however often it is asked (204), and the unread count follows', async () => {
    const notice = (await publish(h.zhang, { title: '义诊通知' })).json()
    const before = await unread(h.li)
    for (let i = 0; i < 2; i++) {
      const r = await world.inject({ method: 'POST', url: `${api}/notices/${notice.id}/read`, headers: h.li })
      expect(r.statusCode).toBe(204)
    }
    expect(await unread(h.li)).toBe(before - 1)
    expect((await get(h.li, notice.id)).json().read).toBe(true)
    const [{ count }] = await world.db.query<{ count: number }>('SELECT count(*)::int AS count FROM notice_reads WHERE notice_id = $1', [notice.id])
    expect(count).toBe(2) // the author and 李明
  })

  it('hides an expired notice from residents on the server’s clock, but not from its author and staff', async () => {
    const expiresAt = new Date(clock.getTime() + 3_600_000).toISOString()
    const notice = (await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-3'] }, title: '今晚停水一小时', expiresAt })).json()
    expect(notice.expiresAt).toBe(expiresAt)
    const before = await unread(h.li)
    const saved = clock
    try {
      clock = new Date(clock.getTime() + 3_600_000)
      expectError(await get(h.li, notice.id), 404, 'not_found')
      expect(titles(await all(h.li))).not.toContain('今晚停水一小时')
      expect(await unread(h.li)).toBe(before - 1)
      expect((await get(h.zhou, notice.id)).statusCode).toBe(200)
      expect((await get(h.zhang, notice.id)).statusCode).toBe(200)
      expect(titles(await all(h.zhang))).toContain('今晚停水一小时')
      expect((await get(h.zhou, notice.id, '/receipts')).statusCode).toBe(200)
    } finally {
      clock = saved
    }
  })

  it('lists pinned, then urgent, then newest, and a cursor walk sees each once (residents and staff)', async () => {
    const at = (minutes: number) => new Date(Date.parse('2026-11-21T09:00:00.000Z') + minutes * 60_000)
    const saved = clock
    const ids: Record<string, string> = {}
    try {
      for (const [name, over, minutes] of [
        ['plain', {}, 1],
        ['urgent', { urgent: true }, 2],
        ['newer', {}, 3],
        ['pinned', { pinned: true }, 4],
        ['pinnedUrgent', { pinned: true, urgent: true }, 0],
      ] as Array<[string, Record<string, unknown>, number]>) {
        clock = at(minutes)
        ids[name] = (await publish(h.zhang, { ...over, title: `排序${name}` })).json().id
      }
    } finally {
      clock = saved
    }
    for (const who of ['li', 'zhang'] as const) {
      const walked = await all(h[who], 2)
      const seen = walked.map((n) => n.id)
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen.filter((id) => Object.values(ids).includes(id))).toEqual([ids.pinnedUrgent, ids.pinned, ids.urgent, ids.newer, ids.plain])
      for (let i = 1; i < walked.length; i++) {
        const [a, b] = [walked[i - 1], walked[i]]
        const rank = (n: NoticeJson) => Number(n.pinned) * 2 + Number(n.urgent)
        expect(rank(a) > rank(b) || (rank(a) === rank(b) && a.publishedAt >= b.publishedAt)).toBe(true)
      }
    }
    expectError(await world.inject({ url: `${api}/notices?cursor=${encodeURIComponent('2|x|y')}`, headers: h.li }), 400, 'validation', ['cursor'])
  })
})

describe('receipts by household', () => {
  it('are for the author (200) and staff, not for another leader or a resident who received it (403)', async () => {
    const notice = (await publish(h.zhou, { scope: { kind: 'buildings', buildingIds: ['b-3'] }, title: '3号楼电梯停运' })).json()
    const fresh = await get(h.zhou, notice.id, '/receipts')
    expect(fresh.statusCode).toBe(200)
    // 3号楼 households with a registered resident: 101 (the author), 102 (高志强), 201 (王秀兰), 202 (林淑珍), 302 (李明).
    expect(fresh.json()).toEqual({
      noticeId: notice.id,
      households: 5,
      read: 1,
      unreadHouseholds: [
        { buildingId: 'b-3', buildingName: '3号楼', room: '102' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '201' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '202' },
        { buildingId: 'b-3', buildingName: '3号楼', room: '302' },
      ],
    })
    await world.inject({ method: 'POST', url: `${api}/notices/${notice.id}/read`, headers: h.li })
    const after = (await get(h.zhou, notice.id, '/receipts')).json()
    expect(after).toMatchObject({ households: 5, read: 2, unreadHouseholds: [{ room: '102' }, { room: '201' }, { room: '202' }] })
    expect((await get(h.zhang, notice.id, '/receipts')).json()).toEqual(after)
    // 钱楼长 also leads 3号楼 and sees the broadcast, but the receipts are the author's.
    expect((await get(h.leader2, notice.id)).statusCode).toBe(200)
    expectError(await get(h.leader2, notice.id, '/receipts'), 403, 'forbidden')
    expectError(await get(h.wang, notice.id, '/receipts'), 403, 'forbidden')
  })

  it('count every household of the community for a community notice', async () => {
    const notice = (await publish(h.zhang, { title: '全社区通知' })).json()
    const receipts = (await get(h.zhang, notice.id, '/receipts')).json()
    // Homes with a registered resident: 3号楼101/102/201/202/302, 8号楼101, 1号楼102, 1号楼201 (钱楼长).
    expect(receipts).toMatchObject({ households: 8, read: 0 })
    expect(receipts.unreadHouseholds.map((u: { buildingName: string; room: string }) => `${u.buildingName}${u.room}`)).toEqual([
      '1号楼102',
      '1号楼201',
      '3号楼101',
      '3号楼102',
      '3号楼201',
      '3号楼202',
      '3号楼302',
      '8号楼101',
    ])
    expectError(await get(h.zhou, notice.id, '/receipts'), 403, 'forbidden')
  })
})
