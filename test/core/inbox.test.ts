import type { InboxQuery } from '../../types/api'
import type { Report, ReportSummary } from '../../types/domain'
import { DEMO_USERS } from '../../src/domain/demo-community'
import { isOverdue } from '../../src/domain/deadline'
import { compareInbox, inboxRank } from '../../src/domain/inbox'
import { createWorld, DEMO, failure, OTHER, shapeOf, type World } from './support/world'

/**
 * The inbox at the service level: the domain's order (compareInbox) with some reports overdue,
 * its filters, and offset paging — checked against the reports of the community sorted by the
 * domain's comparator, not against the store's own answer.
 */

let world: World
let escalated: string
let redone: string

beforeAll(async () => {
  world = await createWorld()
  const staff = await world.caller(DEMO.zhang)
  // A spread of categories (deadlines 12 h to 120 h), grids and statuses.
  await world.file(DEMO.wang, { categoryId: 'cat-garbage' })
  await world.file(DEMO.zhao, { categoryId: 'cat-elevator' })
  await world.file(DEMO.chen, { categoryId: 'cat-green' })
  await world.file(DEMO.li, { categoryId: 'cat-light' })
  const accepted = await world.file(DEMO.chen, { categoryId: 'cat-garbage' })
  await world.bring(accepted.id, 'accepted')
  const resolved = await world.file(DEMO.zhao, { categoryId: 'cat-noise' })
  await world.bring(resolved.id, 'resolved')
  const rejected = await world.file(DEMO.li, { categoryId: 'cat-water' })
  await world.core.handling.move(staff, rejected.id, 'reject', { reason: '不属于本社区管辖' })
  escalated = (await world.file(DEMO.wang, { categoryId: 'cat-road' })).id
  await world.core.handling.move(staff, escalated, 'escalate', { note: '请尽快处理' })
  await world.file(OTHER.resident)
  // 居民不满意: resolved, rated unsatisfied, reopened with a fresh 120 h deadline.
  redone = (await world.file(DEMO.chen, { categoryId: 'cat-green' })).id
  await world.bring(redone, 'resolved')
  await world.core.handling.move(await world.caller(DEMO.chen), redone, 'rate', { rating: { level: 'unsatisfied', comment: '树还是歪的' } })
  // A day and a half later: the 12 h and 24 h reports are overdue, the others not yet.
  world.clock.advanceHours(30)
})

/** Every report of the demo community: what its people reported or filed. */
async function communityReports(): Promise<Report[]> {
  const ids = new Set<string>()
  // The people of the demo community (its newcomer and the street officer are in none).
  for (const user of DEMO_USERS.filter((u) => !u.outside)) {
    const caller = await world.caller(user.id)
    let cursor: string | undefined
    do {
      const page = await world.core.reports.listMine(caller, { limit: 50, cursor })
      page.items.forEach((r) => ids.add(r.id))
      cursor = page.nextCursor
    } while (cursor)
  }
  return Promise.all([...ids].map((id) => world.stored(id)))
}

async function walk(userId: string, query: InboxQuery = {}, limit = 50): Promise<ReportSummary[]> {
  const caller = await world.caller(userId)
  const items: ReportSummary[] = []
  let cursor: string | undefined
  for (let page = 0; page < 100; page++) {
    const answer = await world.core.handling.inbox(caller, { ...query, limit, cursor })
    items.push(...answer.items)
    if (!answer.nextCursor) return items
    expect(answer.items).toHaveLength(limit)
    // A keyset: the next page starts after the last row, at the first page's clock.
    expect(answer.nextCursor.endsWith(`|${answer.items[limit - 1].id}`)).toBe(true)
    cursor = answer.nextCursor
  }
  throw new Error('the inbox never ended')
}

async function expected(filter: (r: Report) => boolean = () => true): Promise<string[]> {
  const now = world.clock.peek()
  return (await communityReports())
    .filter(filter)
    .sort(compareInbox(now))
    .map((r) => r.id)
}

describe('the inbox order', () => {
  it('gives staff the whole community in the domain’s order, every rank present', async () => {
    const now = world.clock.peek()
    const reports = await communityReports()
    expect(new Set(reports.map((r) => inboxRank(r, now)))).toEqual(new Set([0, 1, 2, 3]))
    const want = await expected()
    expect((await walk(DEMO.zhang)).map((r) => r.id)).toEqual(want)
  })

  it('pages by keyset without losing or repeating a report', async () => {
    const want = await expected()
    expect(want.length).toBeGreaterThan(6)
    expect((await walk(DEMO.zhang, {}, 3)).map((r) => r.id)).toEqual(want)
  })

  it('keeps the first page’s clock while paging: a deadline passing meanwhile neither repeats nor drops a report', async () => {
    const caller = await world.caller(DEMO.zhang)
    const want = await expected()
    const first = await world.core.handling.inbox(caller, { limit: 3 })
    const before = world.clock.peek()
    // Every open deadline passes: at the new clock all open reports would rank first.
    world.clock.advanceHours(30 * 24)
    expect(await expected()).not.toEqual(want)
    const items = [...first.items]
    let cursor = first.nextCursor
    while (cursor) {
      const page = await world.core.handling.inbox(caller, { limit: 3, cursor })
      items.push(...page.items)
      cursor = page.nextCursor
    }
    expect(items.map((r) => r.id)).toEqual(want)
    // A new walk ranks at the new clock.
    expect((await walk(DEMO.zhang, {}, 3)).map((r) => r.id)).toEqual(await expected())
    world.clock.set(before)
  })


  it('gives a grid worker their grids only, in the same order', async () => {
    expect((await walk(DEMO.sun)).map((r) => r.id)).toEqual(await expected((r) => r.gridId === 'g-2'))
    expect((await walk(DEMO.sun, { gridId: 'g-1' })).map((r) => r.id)).toEqual([])
  })

  it('never shows another community’s reports', async () => {
    const theirs = (await walk(OTHER.staff)).map((r) => r.id)
    expect(theirs).toHaveLength(1)
    expect((await walk(DEMO.zhang)).map((r) => r.id)).not.toContain(theirs[0])
  })
})

describe('the inbox filters', () => {
  const now = () => world.clock.peek()
  const CASES: Array<[string, InboxQuery, (r: Report) => boolean]> = [
    ['one status', { status: ['submitted'] }, (r) => r.status === 'submitted'],
    ['statuses as text', { status: 'submitted,accepted' as never }, (r) => r.status === 'submitted' || r.status === 'accepted'],
    ['a category', { categoryId: 'cat-garbage' }, (r) => r.categoryId === 'cat-garbage'],
    ['a grid', { gridId: 'g-3' }, (r) => r.gridId === 'g-3'],
    ['overdue only', { overdueOnly: true }, (r) => isOverdue(r, now())],
    ['escalated only', { escalatedOnly: true }, (r) => r.escalated],
    ['a category and a status', { categoryId: 'cat-garbage', status: ['accepted'] }, (r) => r.categoryId === 'cat-garbage' && r.status === 'accepted'],
  ]
  it.each(CASES)('%s', async (_name, query, filter) => {
    const want = await expected(filter)
    expect(want.length).toBeGreaterThan(0)
    expect((await walk(DEMO.zhang, query)).map((r) => r.id)).toEqual(want)
  })

  it('finds the escalated report among the escalated', async () => {
    expect((await walk(DEMO.zhang, { escalatedOnly: true })).map((r) => r.id)).toEqual([escalated])
  })

  it('ranks a reopened report (居民不满意) with the urgent ones, flagged by its reopen count', async () => {
    const inbox = await walk(DEMO.zhang)
    const row = inbox.find((r) => r.id === redone)!
    expect(row).toMatchObject({ status: 'reopened', reopenCount: 1 })
    expect(isOverdue(row, now())).toBe(false)
    const firstCalm = inbox.findIndex((r) => inboxRank(r, now()) === 1)
    expect(firstCalm).toBeGreaterThan(0)
    expect(inbox.indexOf(row)).toBeLessThan(firstCalm)
    for (const r of inbox) expect(r.reopenCount).toBe((await world.stored(r.id)).reopenCount)
  })

  it('has at least two overdue reports, first in the full inbox', async () => {
    const overdue = await expected((r) => isOverdue(r, now()))
    expect(overdue.length).toBeGreaterThanOrEqual(2)
    expect((await walk(DEMO.zhang)).slice(0, overdue.length).map((r) => r.id)).toEqual(overdue)
  })
})

describe('malformed inbox requests', () => {
  const CASES: Array<[string, InboxQuery, Record<string, string>]> = [
    ['an unknown status', { status: ['nope'] as never }, { status: '状态参数无效' }],
    ['a cursor that is no keyset', { cursor: 'abc' }, { cursor: '分页参数无效，请刷新' }],
    ['an offset (the old cursor)', { cursor: '20' }, { cursor: '分页参数无效，请刷新' }],
    ['a keyset of unreadable parts', { cursor: 'x|0|a|b|c' }, { cursor: '分页参数无效，请刷新' }],
    ['a keyset of a rank that is none', { cursor: '2026-11-21T08:00:00.000Z|4|2026-11-21T08:00:00.000Z|2026-11-21T08:00:00.000Z|r_1' }, { cursor: '分页参数无效，请刷新' }],
    ['a keyset with a day for an instant', { cursor: '2026-11-21T08:00:00.000Z|1|2026-11-21|2026-11-21T08:00:00.000Z|r_1' }, { cursor: '分页参数无效，请刷新' }],
    ['a negative cursor', { cursor: '-3' }, { cursor: '分页参数无效，请刷新' }],
    ['a page of none', { limit: 0 }, { limit: '每页数量应为1到50' }],
    ['a page too large', { limit: 51 }, { limit: '每页数量应为1到50' }],
    ['a fractional page', { limit: 2.5 }, { limit: '每页数量应为1到50' }],
  ]
  it.each(CASES)('%s → malformed', async (_name, query, fields) => {
    const error = await failure(world.core.handling.inbox(await world.caller(DEMO.zhang), query))
    expect(shapeOf(error)).toEqual({ kind: 'validation', message: Object.values(fields)[0], fields, malformed: true })
  })

  it('refuses a resident before looking at the query', async () => {
    const error = await failure(world.core.handling.inbox(await world.caller(DEMO.wang), { limit: 0 }))
    expect(shapeOf(error)).toMatchObject({ kind: 'forbidden', message: '只有社区工作者和网格员可以查看工单' })
  })
})
