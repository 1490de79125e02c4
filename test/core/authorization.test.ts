import type { Caller } from '../../src/core/context'
import { generalThreadId, reportThreadId } from '../../src/domain/messages'
import type { Notice } from '../../types/domain'
import { all, cells, communityOfRole, isHandlerRole, only, ROLE, type Expected, type Role } from './support/matrix'
import { categoryFor, createWorld, DEMO, failure, OTHER, validReport, type World } from './support/world'

/**
 * The authorization matrix of every operation but the moves (authorization-moves.test.ts): each
 * operation × role × (own object, somebody else's, another community's), as the outcome's kind.
 * An allowed call is checked for really answering the object; a refused one for leaving no trace.
 */

let world: World
const own: Partial<Record<Role, string>> = {}
let neighbourReport: string
let foreignReport: string
let otherNotice: string

beforeAll(async () => {
  world = await createWorld()
  for (const role of Object.keys(ROLE) as Role[]) own[role] = (await world.file(ROLE[role])).id
  neighbourReport = (await world.file(DEMO.li)).id
  foreignReport = (await world.file(OTHER.resident)).id
  otherNotice = (await world.core.notices.publish(await world.caller(OTHER.staff), notice({ kind: 'community' }, '村里的通知'))).id
})

const as = (role: Role): Promise<Caller> => world.caller(ROLE[role])

function notice(scope: Notice['scope'], title = '矩阵测试通知') {
  return { title, body: '本周六上午停水，请提前储水。', scope, urgent: false, pinned: false }
}

// ── reports, by object ───────────────────────────────────────────────────────────────────────

type ReportObject = 'own' | 'neighbour' | 'foreign'
const reportOf = (object: ReportObject, role: Role) => (object === 'own' ? own[role]! : object === 'neighbour' ? neighbourReport : foreignReport)
const READABLE: Record<ReportObject, Expected> = {
  own: all('ok'),
  neighbour: only({ gridIn: 'ok', staff: 'ok' }, 'not_found'),
  foreign: only({ otherStaff: 'ok', otherGrid: 'ok' }, 'not_found'),
}
// 附议 is a resident's voice (the leader is a resident too): handlers and admins are refused, after
// what they may not know of (another community's report) is answered as missing.
const ME_TOO: Record<ReportObject, Expected> = {
  own: only({ resident: 'conflict', leader: 'conflict' }, 'forbidden'),
  neighbour: only({ resident: 'ok', leader: 'ok', otherStaff: 'not_found', otherGrid: 'not_found' }, 'forbidden'),
  foreign: only({ otherStaff: 'forbidden', otherGrid: 'forbidden' }, 'not_found'),
}
const OBJECTS: ReportObject[] = ['own', 'neighbour', 'foreign']

describe('reports.get, reports.meToo and the report’s thread × role × object', () => {
  const rows = OBJECTS.flatMap((object) => [
    { name: `reports.get ${object}`, op: 'get' as const, object, expected: READABLE[object] },
    { name: `reports.meToo ${object}`, op: 'meToo' as const, object, expected: ME_TOO[object] },
    { name: `messages.listMessages ${object} report thread`, op: 'list' as const, object, expected: READABLE[object] },
    { name: `messages.send ${object} report thread`, op: 'send' as const, object, expected: READABLE[object] },
    { name: `messages.send to ${object} report by reportId`, op: 'sendReport' as const, object, expected: READABLE[object] },
    { name: `messages.markRead ${object} report thread`, op: 'read' as const, object, expected: READABLE[object] },
  ])
  it.each(cells(rows))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    const id = reportOf(row.object, role)
    const thread = reportThreadId(id)
    const before = await world.stored(id)
    const messagesBefore = (await world.store.messages.listBefore(thread, null, 50)).length
    const call = {
      get: () => world.core.reports.get(caller, id),
      meToo: () => world.core.reports.meToo(caller, id),
      list: () => world.core.messages.listMessages(caller, thread),
      send: () => world.core.messages.send(caller, { threadId: thread }, '请问进展如何？'),
      sendReport: () => world.core.messages.send(caller, { reportId: id }, '请问进展如何？'),
      read: () => world.core.messages.markRead(caller, thread),
    }[row.op]
    if (expected !== 'ok') {
      const error = await failure(call())
      expect(error.kind).toBe(expected)
      if (expected === 'not_found') expect(error.message).toBe(row.op === 'get' ? '诉求不存在或您无权查看' : row.op === 'meToo' ? '诉求不存在' : '对话不存在或您无权查看')
      if (expected === 'forbidden' && row.op === 'meToo') expect(error.message).toBe('附议仅限本社区居民')
      expect(await world.stored(id)).toEqual(before)
      expect((await world.store.messages.listBefore(thread, null, 50)).length).toBe(messagesBefore)
      return
    }
    const result = await call()
    if (row.op === 'get') expect(result).toMatchObject({ report: { id, reporterId: before.reporterId }, timeline: [{ action: 'submit' }] })
    if (row.op === 'meToo') expect(result).toMatchObject({ id, meTooCount: before.meTooCount + 1 })
    if (row.op === 'list') expect(result).toMatchObject({ items: expect.any(Array) })
    if (row.op === 'send' || row.op === 'sendReport') {
      expect(result).toMatchObject({ threadId: thread, authorId: ROLE[role], body: '请问进展如何？' })
      expect((await world.store.messages.listBefore(thread, null, 50)).length).toBe(messagesBefore + 1)
    }
  })
})

// ── operations without an object ─────────────────────────────────────────────────────────────

interface PlainRow {
  name: string
  expected: Expected
  call(caller: Caller, role: Role): Promise<unknown>
  check?(result: never, caller: Caller, role: Role): void | Promise<void>
}

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id)
const handlersOnly = only({ gridIn: 'ok', gridOut: 'ok', staff: 'ok', otherStaff: 'ok', otherGrid: 'ok' }, 'forbidden')
let photos = 0

const PLAIN: PlainRow[] = [
  {
    name: 'sessions.community',
    expected: all('ok'),
    call: (c) => world.core.sessions.community(c),
    check: (r: Awaited<ReturnType<World['core']['sessions']['community']>>, _c, role) => {
      expect(r.community.id).toBe(communityOfRole(role))
      expect(r.grids.every((g) => g.communityId === communityOfRole(role))).toBe(true)
      expect(r.handlers.length > 0).toBe(isHandlerRole(role))
    },
  },
  {
    name: 'reports.submit',
    expected: all('ok'),
    call: (c) => world.core.reports.submit(c, validReport(categoryFor(c.user.communityId)), world.key()),
    check: (r: Awaited<ReturnType<World['core']['reports']['submit']>>, c) => {
      expect(r.created).toBe(true)
      expect(r.report).toMatchObject({ communityId: c.user.communityId, reporterId: c.user.id, status: 'submitted' })
    },
  },
  {
    name: 'reports.listMine',
    expected: all('ok'),
    call: (c) => world.core.reports.listMine(c, { limit: 50 }),
    check: (r: { items: Array<{ id: string }> }, _c, role) => {
      expect(ids(r.items)).toContain(own[role])
      expect(ids(r.items)).not.toContain(neighbourReport)
      expect(ids(r.items)).not.toContain(foreignReport)
    },
  },
  {
    name: 'reports.listPublic',
    expected: all('ok'),
    call: (c) => world.core.reports.listPublic(c, { limit: 50 }),
    check: (r: { items: Array<{ id: string; reporterName: string }> }, _c, role) => {
      const demo = communityOfRole(role) === DEMO.community
      expect(ids(r.items).includes(neighbourReport)).toBe(demo)
      expect(ids(r.items).includes(foreignReport)).toBe(!demo)
    },
  },
  {
    name: 'handling.inbox',
    expected: handlersOnly,
    call: (c) => world.core.handling.inbox(c, { limit: 50 }),
    check: (r: { items: Array<{ id: string }> }, _c, role) => {
      expect(ids(r.items).includes(neighbourReport)).toBe(role === 'gridIn' || role === 'staff')
      expect(ids(r.items).includes(foreignReport)).toBe(role === 'otherStaff' || role === 'otherGrid')
    },
  },
  {
    name: 'handling.replyTemplates',
    expected: handlersOnly,
    call: (c) => world.core.handling.replyTemplates(c),
    check: (r: Array<{ id: string }>, _c, role) =>
      expect(ids(r)).toEqual(communityOfRole(role) === OTHER.community ? [OTHER.template] : ['tpl-accept', 'tpl-visit', 'tpl-done']),
  },
  {
    name: 'messages.listThreads',
    expected: all('ok'),
    call: (c) => world.core.messages.listThreads(c),
    check: (r: Array<{ id: string }>, _c, role) => {
      expect(ids(r)).toContain(reportThreadId(own[role]!))
      if (role !== 'gridIn' && role !== 'staff') expect(ids(r)).not.toContain(reportThreadId(neighbourReport))
      if (role !== 'otherStaff' && role !== 'otherGrid') expect(ids(r)).not.toContain(reportThreadId(foreignReport))
    },
  },
  { name: 'messages.unreadCount', expected: all('ok'), call: (c) => world.core.messages.unreadCount(c), check: (r: number) => expect(r).toBeGreaterThanOrEqual(0) },
  {
    name: 'messages.send to the own general thread',
    expected: all('ok'),
    call: (c) => world.core.messages.send(c, 'general', '请问社区几点下班？'),
    check: (r: { threadId: string; authorId: string }, c) => expect(r).toMatchObject({ threadId: generalThreadId(c.user.id), authorId: c.user.id }),
  },
  {
    name: 'notices.list',
    expected: all('ok'),
    call: (c) => world.core.notices.list(c, { limit: 50 }),
    check: (r: { items: Notice[] }, _c, role) => {
      expect(r.items.length).toBeGreaterThan(0)
      expect(r.items.every((n) => n.communityId === communityOfRole(role))).toBe(true)
      expect(ids(r.items).includes(otherNotice)).toBe(communityOfRole(role) === OTHER.community)
    },
  },
  { name: 'notices.unreadCount', expected: all('ok'), call: (c) => world.core.notices.unreadCount(c), check: (r: number) => expect(r).toBeGreaterThanOrEqual(0) },
  {
    name: 'dashboard.get',
    expected: only({ staff: 'ok', otherStaff: 'ok' }, 'forbidden'),
    call: (c) => world.core.dashboard.get(c, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }),
    check: (r: { communityId: string; received: number }, _c, role) => {
      expect(r.communityId).toBe(communityOfRole(role))
      expect(r.received).toBeGreaterThan(0)
    },
  },
  {
    name: 'photos.record',
    expected: all('ok'),
    call: (c) => world.core.photos.record(c, { id: `p_matrix${++photos}`, contentType: 'image/png', bytes: 1234, width: 4, height: 3 }),
    check: async (r: { id: string; url: string }, c) => {
      expect(r).toEqual({ id: r.id, url: `mem://${r.id}`, bytes: 1234, width: 4, height: 3 })
      expect((await world.core.photos.find(r.id))?.ownerId).toBe(c.user.id)
    },
  },
]

// 代报, by the household's building: one 周桂芳 leads, one she does not, one of the other community.
const ON_BEHALF: Array<{ name: string; buildingId: string; room: string; expected: Expected }> = [
  { name: 'reports.submitOnBehalf for 3号楼301 (led)', buildingId: 'b-3', room: '301', expected: only({ leader: 'ok', staff: 'ok', otherStaff: 'validation' }, 'forbidden') },
  { name: 'reports.submitOnBehalf for 1号楼101 (not led)', buildingId: 'b-1', room: '101', expected: only({ staff: 'ok', otherStaff: 'validation' }, 'forbidden') },
  {
    name: 'reports.submitOnBehalf for 村委楼102 (other community)',
    buildingId: OTHER.building,
    room: '102',
    // A building of another community is unknown to the filer: a field error, as any unknown building.
    expected: only({ otherStaff: 'ok', leader: 'validation', staff: 'validation' }, 'forbidden'),
  },
]

const PUBLISH: Array<{ name: string; scope: Notice['scope']; expected: Expected }> = [
  { name: 'notices.publish to the community', scope: { kind: 'community' }, expected: only({ staff: 'ok', otherStaff: 'ok' }, 'forbidden') },
  { name: 'notices.publish to 3号楼 (led)', scope: { kind: 'buildings', buildingIds: ['b-3'] }, expected: only({ staff: 'ok', leader: 'ok' }, 'forbidden') },
  { name: 'notices.publish to 1号楼 (not led)', scope: { kind: 'buildings', buildingIds: ['b-1'] }, expected: only({ staff: 'ok' }, 'forbidden') },
  { name: 'notices.publish to 村委楼 (other community)', scope: { kind: 'buildings', buildingIds: [OTHER.building] }, expected: only({ otherStaff: 'ok' }, 'forbidden') },
]

describe('operations without an object × role', () => {
  it.each(cells(PLAIN))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    if (expected !== 'ok') {
      expect((await failure(row.call(caller, role))).kind).toBe(expected)
      return
    }
    const result = await row.call(caller, role)
    await row.check?.(result as never, caller, role)
  })

  it.each(cells(ON_BEHALF))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    const mineBefore = (await world.core.reports.listMine(caller, { limit: 50 })).items.length
    const attempt = world.core.reports.submitOnBehalf(
      caller,
      validReport(categoryFor(caller.user.communityId), { onBehalfOf: { buildingId: row.buildingId, room: row.room } }),
      world.key(),
    )
    if (expected !== 'ok') {
      const error = await failure(attempt)
      expect(error.kind).toBe(expected)
      if (expected === 'validation') expect(error.fields).toHaveProperty('buildingId')
      expect((await world.core.reports.listMine(caller, { limit: 50 })).items.length).toBe(mineBefore)
      return
    }
    const { report, created } = await attempt
    expect(created).toBe(true)
    expect(report).toMatchObject({ filedBy: { id: ROLE[role] }, beneficiary: { buildingId: row.buildingId, room: row.room }, communityId: caller.user.communityId })
  })

  it.each(cells(PUBLISH))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    const title = `通知 ${role} ${row.scope.kind === 'community' ? 'all' : row.scope.buildingIds.join()}`
    const attempt = world.core.notices.publish(caller, notice(row.scope, title))
    if (expected === 'ok') {
      expect(await attempt).toMatchObject({ title, authorId: ROLE[role], communityId: caller.user.communityId, scope: row.scope, read: true })
      return
    }
    expect((await failure(attempt)).kind).toBe(expected)
    // Nothing was published: staff of either community see every notice of theirs.
    for (const staff of [DEMO.zhang, OTHER.staff]) {
      const seen = await world.core.notices.list(await world.caller(staff), { limit: 50 })
      expect(seen.items.map((n) => n.title)).not.toContain(title)
    }
  })
})

// ── threads and notices, by object ───────────────────────────────────────────────────────────

describe('general threads and notices × role × object', () => {
  const noticeIds: Record<string, string> = {}
  beforeAll(async () => {
    await world.core.messages.send(await world.caller(DEMO.li), 'general', '社区几点下班？')
    await world.core.messages.send(await world.caller(OTHER.resident), 'general', '村里几点下班？')
    const zhang = await world.caller(DEMO.zhang)
    noticeIds.community = (await world.core.notices.publish(zhang, notice({ kind: 'community' }, '社区通知'))).id
    noticeIds.b3 = (await world.core.notices.publish(await world.caller(DEMO.zhou), notice({ kind: 'buildings', buildingIds: ['b-3'] }, '3号楼通知'))).id
    noticeIds.b1 = (await world.core.notices.publish(zhang, notice({ kind: 'buildings', buildingIds: ['b-1'] }, '1号楼通知'))).id
    noticeIds.foreign = otherNotice
  })

  type ThreadObject = 'ownGeneral' | 'neighbourGeneral' | 'foreignGeneral'
  const threadOf = (object: ThreadObject, role: Role) =>
    generalThreadId(object === 'ownGeneral' ? ROLE[role] : object === 'neighbourGeneral' ? DEMO.li : OTHER.resident)
  const ON_THREAD: Record<ThreadObject, Expected> = {
    ownGeneral: all('ok'),
    neighbourGeneral: only({ staff: 'ok' }, 'not_found'),
    foreignGeneral: only({ otherStaff: 'ok' }, 'not_found'),
  }
  const threadRows = (Object.keys(ON_THREAD) as ThreadObject[]).flatMap((object) =>
    (['listMessages', 'send', 'markRead'] as const).map((op) => ({ name: `messages.${op} ${object}`, op, object, expected: ON_THREAD[object] })),
  )
  it.each(cells(threadRows))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await world.caller(ROLE[role])
    const actor = caller.actor
    const thread = threadOf(row.object, role)
    const count = async () => (await world.store.messages.listBefore(thread, null, 50)).length
    const before = await count()
    const call = {
      listMessages: () => world.core.messages.listMessages(caller, thread),
      send: () => world.core.messages.send(caller, { threadId: thread }, '您好，请问一下'),
      markRead: () => world.core.messages.markRead(caller, thread),
    }[row.op]
    if (expected !== 'ok') {
      const error = await failure(call())
      expect({ kind: error.kind, message: error.message }).toEqual({ kind: expected, message: '对话不存在或您无权查看' })
      expect(await count()).toBe(before)
      return
    }
    const result = await call()
    if (row.op === 'send') {
      expect(result).toMatchObject({ threadId: thread, authorId: actor.id })
      expect(await count()).toBe(before + 1)
    }
    if (row.op === 'listMessages') expect((result as { items: Array<{ threadId: string }> }).items.every((m) => m.threadId === thread)).toBe(true)
  })

  type NoticeObject = 'community' | 'b3' | 'b1' | 'foreign'
  // 3号楼: 王秀兰 lives there, 周桂芳 wrote it; grid workers and the admin have no home.
  const SEES: Record<NoticeObject, Expected> = {
    community: only({ otherStaff: 'not_found', otherGrid: 'not_found' }, 'ok'),
    b3: only({ resident: 'ok', leader: 'ok', staff: 'ok' }, 'not_found'),
    b1: only({ staff: 'ok' }, 'not_found'),
    foreign: only({ otherStaff: 'ok', otherGrid: 'ok' }, 'not_found'),
  }
  // Receipts: the author and staff; others who see the notice are refused, the rest do not see it.
  const RECEIPTS: Record<NoticeObject, Expected> = {
    community: only({ staff: 'ok', otherStaff: 'not_found', otherGrid: 'not_found' }, 'forbidden'),
    b3: only({ leader: 'ok', staff: 'ok', resident: 'forbidden' }, 'not_found'),
    b1: only({ staff: 'ok' }, 'not_found'),
    foreign: only({ otherStaff: 'ok', otherGrid: 'forbidden' }, 'not_found'),
  }
  const noticeRows = (Object.keys(SEES) as NoticeObject[]).flatMap((object) => [
    { name: `notices.get ${object}`, op: 'get' as const, object, expected: SEES[object] },
    { name: `notices.markRead ${object}`, op: 'markRead' as const, object, expected: SEES[object] },
    { name: `notices.receipts ${object}`, op: 'receipts' as const, object, expected: RECEIPTS[object] },
  ])
  it.each(cells(noticeRows))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await world.caller(ROLE[role])
    const actor = caller.actor
    const id = noticeIds[row.object]
    const call = {
      get: () => world.core.notices.get(caller, id),
      markRead: () => world.core.notices.markRead(caller, id),
      receipts: () => world.core.notices.receipts(caller, id),
    }[row.op]
    if (expected !== 'ok') {
      const error = await failure(call())
      expect(error.kind).toBe(expected)
      if (expected === 'not_found') expect(error.message).toBe('通知不存在或您无权查看')
      if (row.op === 'markRead') expect(await world.store.notices.listReaders(id)).not.toContain(actor.id)
      return
    }
    const result = await call()
    if (row.op === 'get') expect(result).toMatchObject({ id })
    if (row.op === 'markRead') expect(await world.store.notices.listReaders(id)).toContain(actor.id)
    if (row.op === 'receipts') expect(result).toMatchObject({ noticeId: id, households: expect.any(Number) })
  })
})

// ── the reporter's full number (拨打电话) ────────────────────────────────────────────────────

describe('handling.reporterPhone × role × object', () => {
  // Only a handler of the report gets it. Anyone who may not read the report gets not_found, as from
  // every report endpoint; a reader who does not handle it (its reporter, a handler of another grid
  // who filed it for themselves, in g-1 by default) is forbidden.
  const PHONE: Record<ReportObject, Expected> = {
    own: only({ gridOut: 'ok', staff: 'ok', otherStaff: 'ok', otherGrid: 'ok' }, 'forbidden'),
    neighbour: only({ gridIn: 'ok', staff: 'ok' }, 'not_found'),
    foreign: only({ otherStaff: 'ok', otherGrid: 'ok' }, 'not_found'),
  }
  const rows = OBJECTS.map((object) => ({ name: `handling.reporterPhone ${object}`, object, expected: PHONE[object] }))
  it.each(cells(rows))('%s as %s → %s', async (_name, role, expected, row) => {
    const caller = await as(role)
    const id = reportOf(row.object, role)
    const before = await world.stored(id)
    const events = (await world.store.reports.listEvents(id)).length
    if (expected !== 'ok') {
      const error = await failure(world.core.handling.reporterPhone(caller, id, { reason: 'follow_up' }))
      expect(error.kind).toBe(expected)
      expect(error.message).toBe(expected === 'not_found' ? '诉求不存在或您无权查看' : '只有负责该诉求的社区工作者和网格员可以拨打反映人电话')
      // The report's detail carries no contact for them either.
      if (expected === 'forbidden') expect(await world.core.reports.get(caller, id)).not.toHaveProperty('contact')
    } else {
      const phone = await world.core.handling.reporterPhone(caller, id, { reason: 'follow_up' })
      expect(phone).toEqual({ name: before.reporterName, phone: expect.stringMatching(/^1\d{10}$/), relation: 'reporter' })
      if (row.object === 'neighbour') expect(phone).toEqual({ name: '李明', phone: '13800000002', relation: 'reporter' })
      // The detail shows the same person's number masked.
      expect((await world.core.reports.get(caller, id)).contact).toEqual({
        name: phone.name,
        phoneMasked: `${phone.phone.slice(0, 3)}****${phone.phone.slice(-4)}`,
        relation: 'reporter',
      })
    }
    expect(await world.stored(id)).toEqual(before)
    expect((await world.store.reports.listEvents(id)).length).toBe(events)
  })
})
