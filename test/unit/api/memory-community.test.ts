/**
 * The memory backend's messages, notices, dashboard and 代报 where only the demo backend can be
 * checked exactly: its seed, its stored schema and a clock the test controls. The behaviour every
 * adapter shares is in test/contract/suite.ts.
 */
import { MemoryBackend } from '../../../src/api/memory/backend'
import { createMemoryClient } from '../../../src/api/memory/client'
import { MEMORY_STORE_SCHEMA } from '../../../src/api/memory/store'
import { reportThreadId } from '../../../src/domain/messages'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage, type KeyValueStorage } from '../../../src/platform/storage'
import { allMine, apiError, mineByCategory, newKey, validReport } from '../support/memory-world'

const HOUR = 3_600_000
/** 16:00 China time on 21 November. */
const NOW = Date.parse('2026-11-21T08:00:00.000Z')
/** Where versions before the application core kept everything, as one document. */
const OLD_STATE_KEY = 'linli.mem.state'

/** A backend whose clock stands still until the test moves it. */
function world(storage: KeyValueStorage = memoryStorage()) {
  let now = NOW
  const backend = new MemoryBackend({ storage, now: () => new Date(now) })
  async function as(userId: string) {
    const api = createMemoryClient({ backend, storage: memoryStorage(), network: fakeNetwork(true) })
    await api.session.signInDemo(userId)
    return api
  }
  return { storage, backend, as, advanceHours: (h: number) => void (now += h * HOUR) }
}

describe('the seed', () => {
  it('gives residents the community notice and, in 3号楼, the leader’s broadcast, unread', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    const notices = (await wang.notices.list()).items
    expect(notices.map((n) => [n.title, n.scope.kind, n.pinned, n.urgent, n.read])).toEqual([
      ['冬季消防安全提示', 'community', true, false, false],
      ['3号楼电梯保养通知', 'buildings', false, true, false],
    ])
    expect(notices[0]).toMatchObject({ authorId: 'u-zhang', authorName: '张敏', publishedAt: new Date(NOW - 48 * HOUR).toISOString() })
    expect(notices[1]).toMatchObject({ authorId: 'u-zhou', expiresAt: new Date(NOW - 3 * HOUR + 48 * HOUR).toISOString() })
    expect(await wang.notices.unreadCount()).toBe(2)

    const zhao = await w.as('u-zhao')
    expect((await zhao.notices.list()).items.map((n) => n.title)).toEqual(['冬季消防安全提示'])
  })

  it('gives the leader receipts for the broadcast: 5 households in 3号楼, her own read', async () => {
    const w = world()
    const zhou = await w.as('u-zhou')
    const broadcast = (await zhou.notices.list()).items.find((n) => n.authorId === 'u-zhou')!
    expect(broadcast.read).toBe(true)
    expect(await zhou.notices.receipts(broadcast.id)).toMatchObject({ households: 5, read: 1 })
  })

  it('gives 王秀兰 one unread answer from 孙丽 on her water report', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    const water = await mineByCategory(wang, 'cat-water')
    const threads = await wang.messages.listThreads()
    const thread = threads.find((t) => t.id === reportThreadId(water.id))
    expect(thread).toMatchObject({ kind: 'report', reportId: water.id, unread: 1, lastMessageAt: new Date(NOW - 15 * HOUR).toISOString() })
    expect(thread?.title).toBe(`漏水/管道 · ${water.number}`)
    // Her other reports' threads are listed (empty) after it.
    expect(threads[0].id).toBe(thread?.id)
    expect(threads).toHaveLength(4)
    expect(await wang.messages.unreadCount()).toBe(1)
    const messages = (await wang.messages.listMessages(thread!.id)).items
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ authorId: 'u-sun', authorName: '孙丽', authorRole: 'grid_worker' })
  })

  it('replaces what an older version of the app stored (one document) with a fresh seed, and drops it', async () => {
    const storage = memoryStorage()
    storage.set(OLD_STATE_KEY, JSON.stringify({ schema: 2, reports: [], users: [] }))
    const again = world(storage)
    const wang = await again.as('u-wang')
    expect((await wang.notices.list()).items).toHaveLength(2)
    expect(await allMine(wang)).toHaveLength(4)
    expect(storage.get(OLD_STATE_KEY)).toBeNull()
  })

  it('replaces what the app stored before streets and households (schema 3) with a fresh seed of both communities', async () => {
    const storage = memoryStorage({
      'linli.mem.meta': JSON.stringify({ schema: 3, chunks: { communities: ['old'], users: ['old'] } }),
      'linli.mem.stamp': 'old',
      'linli.mem.communities.0': JSON.stringify([{ id: 'c-yingyue', name: '映月社区', kind: 'community', district: '无锡市锡山区', reportPrefix: 'YY', reportSeq: 9, createdAt: '2025-01-01T00:00:00.000Z' }]),
      'linli.mem.users.0': JSON.stringify([{ id: 'u-old', communityId: 'c-yingyue', name: '旧用户', phone: '', roles: ['resident'], gridIds: [], leadsBuildingIds: [], description: '', demo: false, createdAt: '2025-01-01T00:00:00.000Z' }]),
    })
    const w = world(storage)
    await w.as('u-wang')
    const { store } = w.backend
    expect(await store.users.find('u-old')).toBeNull()
    expect(await store.directory.findCommunity('c-yingyue')).toMatchObject({ name: '映月社区', streetName: '东亭街道' })
    expect(await store.directory.findCommunity('c-chunhui')).toMatchObject({ name: '春晖社区', streetName: '东亭街道' })
    expect(await store.users.find('u-xin')).toMatchObject({ communityId: null })
    expect(await store.users.find('u-street')).toMatchObject({ communityId: null, streetId: 's-dongting', roles: ['street_staff'] })
    expect(JSON.parse(storage.get('linli.mem.meta')!).schema).toBe(MEMORY_STORE_SCHEMA)
  })

  it('keeps every collection under keys of its own, none near WeChat’s 1 MB per key', async () => {
    const storage = memoryStorage()
    const w = world(storage)
    await w.as('u-wang')
    const keys = storage.keys().filter((k) => k.startsWith('linli.mem.'))
    expect(keys.length).toBeGreaterThan(5)
    for (const key of keys) expect(storage.get(key)!.length).toBeLessThan(256 * 1024)
  })
})

describe('notices over time', () => {
  it('hides the broadcast from residents once it expires, not from its sender or staff', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    const zhou = await w.as('u-zhou')
    const zhang = await w.as('u-zhang')
    // Published at NOW − 3 h, expiring 48 h later: at NOW + 45 h.
    w.advanceHours(44)
    expect((await wang.notices.list()).items).toHaveLength(2)
    w.advanceHours(1) // The expiry instant itself.
    expect((await wang.notices.list()).items.map((n) => n.title)).toEqual(['冬季消防安全提示'])
    expect(await wang.notices.unreadCount()).toBe(1)
    expect((await zhou.notices.list()).items.map((n) => n.title)).toContain('3号楼电梯保养通知')
    expect((await zhang.notices.list()).items.map((n) => n.title)).toContain('3号楼电梯保养通知')
  })

  it('pages with a cursor it hands out, and refuses one it did not', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    const first = await wang.notices.list({ limit: 1 })
    expect(first.items).toHaveLength(1)
    const second = await wang.notices.list({ limit: 1, cursor: first.nextCursor })
    expect(second.items[0].id).not.toBe(first.items[0].id)
    expect(second.nextCursor).toBeUndefined()
    expect((await apiError(wang.notices.list({ cursor: 'x' }))).fields).toEqual({ cursor: '分页参数无效，请刷新' })
  })

  it('refuses a notice without its urgent and pinned choices, on those fields', async () => {
    const zhang = await world().as('u-zhang')
    const error = await apiError(zhang.notices.publish({ title: '通知标题', body: '通知内容', scope: { kind: 'community' } } as never))
    expect(error.fields).toEqual({ urgent: '请选择是否紧急', pinned: '请选择是否置顶' })
  })
})

describe('messages', () => {
  it('keeps the posting order and unread counts within one millisecond', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    const sun = await w.as('u-sun')
    const report = await wang.reports.submit(validReport(), { idempotencyKey: newKey() })
    for (const body of ['一', '二', '三']) await wang.messages.send({ reportId: report.id }, body)
    const threadId = reportThreadId(report.id)
    expect((await sun.messages.listMessages(threadId)).items.map((m) => m.body)).toEqual(['一', '二', '三'])
    await sun.messages.markRead(threadId)
    await wang.messages.send({ reportId: report.id }, '四')
    expect((await sun.messages.listThreads()).find((t) => t.id === threadId)?.unread).toBe(1)
    const older = await sun.messages.listMessages(threadId, { limit: 2 })
    expect(older.items.map((m) => m.body)).toEqual(['三', '四'])
    expect((await sun.messages.listMessages(threadId, { limit: 2, cursor: older.nextCursor })).items.map((m) => m.body)).toEqual(['一', '二'])
  })

  it('titles a resident’s question for staff with who asks and where they live', async () => {
    const w = world()
    const wang = await w.as('u-wang')
    await wang.messages.send('general', '  请问社区\n\n\n\n有没有老年食堂？  ')
    const mine = (await wang.messages.listThreads()).find((t) => t.kind === 'general')
    expect(mine).toMatchObject({ id: 'general:u-wang', title: '问社区', lastMessagePreview: '请问社区 有没有老年食堂？' })
    const forStaff = (await (await w.as('u-zhang')).messages.listThreads()).find((t) => t.id === 'general:u-wang')
    expect(forStaff).toMatchObject({ title: '问社区 · 王秀兰（3号楼201）', unread: 1 })
    expect((await wang.messages.listMessages('general:u-wang')).items[0].body).toBe('请问社区\n\n有没有老年食堂？')
  })

  it('cuts a long preview at 40 characters', async () => {
    const wang = await world().as('u-wang')
    await wang.messages.send('general', '字'.repeat(60))
    expect((await wang.messages.listThreads()).find((t) => t.kind === 'general')?.lastMessagePreview).toBe(`${'字'.repeat(40)}…`)
  })

  it('shares messages between two backends over one storage (two app instances)', async () => {
    const storage = memoryStorage()
    const first = world(storage)
    const second = world(storage)
    const wang = await first.as('u-wang')
    const zhang = await second.as('u-zhang')
    await wang.messages.send('general', '有人在吗')
    const reply = await zhang.messages.send({ threadId: 'general:u-wang' }, '在的，请讲')
    expect((await wang.messages.listMessages('general:u-wang')).items.map((m) => m.id)).toContain(reply.id)
  })
})

describe('the dashboard over the seeded community', () => {
  /*
   * The seed stories, filed at NOW − age (NOW = 2026-11-21T08:00Z = 16:00 China time):
   *   r-light    王 light   48 h  age  30 → submitted;   deadline NOW+18 h        China day 11-20 (10:00)
   *   r-water    王 water   24 h  age  20 → in_progress; accepted +1 h; deadline NOW+4 h   11-20 (20:00)
   *   r-garbage  王 garbage 24 h  age  70 → resolved;    accepted +2 h, resolved +20 h (NOW−50 h = China 11-19 14:00)   11-18 (18:00)
   *   r-bench    王 facility 72 h age 240 → closed;      accepted +3 h, resolved +48 h (NOW−192 h = China 11-13 16:00), 满意   11-11 (16:00)
   *   r-parking  李 parking 48 h  age  80 → accepted;    accepted +5 h; deadline NOW−32 h: overdue   11-18 (08:00)
   *   r-noise    赵 noise   48 h  age 100 → rejected                                            11-17 (12:00)
   *   r-road     陈 road    72 h  age  96 → submitted;   deadline NOW−24 h: overdue              11-17 (16:00)
   * Range: the 30 days up to NOW.
   *   received 7; submitted 2, accepted 1, in_progress 1, resolved 1, closed 1, rejected 1
   *   办结率 (1 resolved + 1 closed) / (7 − 1 rejected) = 2/6; 满意率 1/1 over 1 rated
   *   median to accept over 1 2 3 5 = 2.5 h; to resolve over 20 48 = 34 h; overdue 2; escalated 0
   *   chart: received 11-11: 1, 11-17: 2, 11-18: 2, 11-20: 2; resolved 11-13: 1, 11-19: 1
   */
  const range = { from: new Date(NOW - 30 * 24 * HOUR).toISOString(), to: new Date(NOW).toISOString() }

  it('gives the figures computed by hand', async () => {
    const stats = await (await world().as('u-zhang')).dashboard.get(range)
    expect(stats).toMatchObject({
      communityId: 'c-yingyue',
      from: range.from,
      to: range.to,
      received: 7,
      byStatus: { submitted: 2, accepted: 1, in_progress: 1, resolved: 1, closed: 1, rejected: 1, transferred: 0, reopened: 0, merged: 0 },
      completionBase: 6,
      rated: 1,
      ratedUnsatisfied: 0,
      satisfactionRate: 1,
      medianHoursToAccept: 2.5,
      medianHoursToResolve: 34,
      overdue: 2,
      escalated: 0,
    })
    expect(stats.completionRate).toBeCloseTo(2 / 6, 12)
    expect(stats.daily[29].day).toBe('2026-11-21')
    const nonZero = Object.fromEntries(stats.daily.filter((d) => d.received || d.resolved).map((d) => [d.day, [d.received, d.resolved]]))
    expect(nonZero).toEqual({
      '2026-11-11': [1, 0],
      '2026-11-13': [0, 1],
      '2026-11-17': [2, 0],
      '2026-11-18': [2, 0],
      '2026-11-19': [0, 1],
      '2026-11-20': [2, 0],
    })
  })

  it('echoes the range as UTC instants and refuses a bad one on its field', async () => {
    const zhang = await world().as('u-zhang')
    const stats = await zhang.dashboard.get({ from: '2026-11-01T00:00:00+08:00', to: '2026-11-21T00:00:00+08:00' })
    expect([stats.from, stats.to]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-20T16:00:00.000Z'])
    expect((await apiError(zhang.dashboard.get({ from: 'x', to: '2026-11-21T00:00:00Z' }))).fields).toEqual({ from: '开始时间格式不正确' })
    expect((await apiError(zhang.dashboard.get({ from: range.to, to: range.from }))).fields).toEqual({ to: '结束时间必须晚于开始时间' })
    expect((await apiError(zhang.dashboard.get({ from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }))).fields).toEqual({ to: '时间范围不能超过366天' })
  })

  it('is for staff only, grid workers included in the refusal', async () => {
    const w = world()
    for (const who of ['u-sun', 'u-zhou', 'u-wang', 'u-he']) {
      expect((await apiError((await w.as(who)).dashboard.get(range))).kind).toBe('forbidden')
    }
  })
})

describe('代报 on the demo backend', () => {
  it('records who filed it in the timeline, as the role they used', async () => {
    const w = world()
    const zhou = await w.as('u-zhou')
    const report = await zhou.handling.submitOnBehalf(validReport({ onBehalfOf: { buildingId: 'b-3', room: '302' } }), { idempotencyKey: newKey() })
    const seen = await (await w.as('u-li')).reports.get(report.id)
    expect(seen.report).toMatchObject({ reporterId: 'u-li', reporterName: '李明', buildingId: 'b-3', gridId: 'g-2' })
    expect(seen.timeline[0]).toMatchObject({ action: 'submit', actorId: 'u-zhou', actorName: '周桂芳', actorRole: 'building_leader', note: '代3号楼302住户反映' })
  })

  it('says which field is wrong', async () => {
    const zhou = await world().as('u-zhou')
    const error = await apiError(
      zhou.handling.submitOnBehalf(validReport({ onBehalfOf: { buildingId: 'b-3', room: '999', phone: '123' } }), { idempotencyKey: newKey() }),
    )
    expect(error.fields).toEqual({ room: '请选择3号楼的房号', phone: '请填写11位手机号' })
    const none = await apiError(zhou.handling.submitOnBehalf(validReport(), { idempotencyKey: newKey() }))
    expect(none.fields).toEqual({ onBehalfOf: '请选择为哪一户代报' })
  })

  it('refuses before looking at the idempotency key', async () => {
    const wang = await world().as('u-wang')
    const error = await apiError(wang.handling.submitOnBehalf(validReport({ onBehalfOf: { buildingId: 'b-3', room: '302' } }), { idempotencyKey: 'bad' }))
    expect(error.kind).toBe('forbidden')
  })
})
