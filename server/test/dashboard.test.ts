import { DEMO, expectError, newKey, startWorld, validReport, type Headers, type World } from './support/world'

/**
 * The staff dashboard against a data set built through the API on a controlled clock, with every
 * figure worked out by hand below (China time is UTC+8). The demo community is seeded in December
 * 2025, far outside the range and its 30-day chart.
 *
 * Range: from 2026-03-01T16:00Z (2 March 00:00 China) to 2026-03-06T16:00Z (7 March 00:00 China).
 *
 *   R1 王秀兰 路灯 (48 h)  filed 03-02T01:00Z · accepted +2 h · assigned · resolved 03-03T01:00Z (+24 h) · rated 满意 → closed
 *   R2 李明 垃圾 (24 h)    filed 03-02T10:00Z · accepted +4 h · assigned · resolved 03-02T22:00Z · rated 不满意 → reopened
 *                          (its resolution no longer counts; new deadline 03-04T02:00Z)
 *   R3 陈建国 道路 (72 h)  filed 03-04T20:00Z · escalated (督办) · deadline 03-07T20:00Z
 *   R4 赵小燕 噪音          filed 03-05T15:59Z · rejected
 *   R5 王秀兰 路灯          filed 03-06T16:00Z = to: not received, not on the chart
 *   R6 李明 漏水            filed 03-01T15:59Z (before from; 1 March in China) · accepted, assigned, resolved 03-02T04:00Z
 *   R7 王秀兰 路灯          filed 03-03T00:00Z · merged into R1
 *   R8 陈建国 道路 (72 h)  filed 03-01T16:00Z = from: received · deadline 03-04T16:00Z
 *   X  another community's report filed 03-03T00:00Z and resolved 03-03T02:00Z: never counted
 *
 * Received: R1 R2 R3 R4 R7 R8 = 6. By status: closed 1, reopened 1, submitted 2 (R3, R8), rejected 1,
 * merged 1. 办结率 = (resolved 0 + closed 1) / (6 − rejected 1 − merged 1 = 4) = 0.25. Rated: R1 满意,
 * R2 不满意 (reopened) → 2, 1 unsatisfied, 满意率 0.5. Hours to accept: R1 2, R2 4 → median 3. Hours to resolve: R1 24 only → 24.
 * Overdue at 03-10T04:00Z: R2, R3, R8 → 3 (at 03-05T00:00Z only R2 and R8 → 2). Escalated: R3 → 1.
 * Chart (30 China days ending 6 March): received 03-01 1 (R6), 03-02 3 (R8, R1, R2), 03-03 1 (R7),
 * 03-05 2 (R3, R4); resolved 03-02 1 (R6 at 12:00), 03-03 2 (R2 at 06:00, R1 at 09:00).
 */

let clock = new Date('2026-01-01T00:00:00.000Z')
let world: World
let staff: Headers
const at = (iso: string) => {
  clock = new Date(iso)
}
const FROM = '2026-03-01T16:00:00.000Z'
const TO = '2026-03-06T16:00:00.000Z'

beforeAll(async () => {
  // Sessions outlive the months the clock moves through.
  world = await startWorld({ now: () => clock, tokenTtlHours: 24 * 365, rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  staff = await world.as(DEMO.staff)
  const wang = await world.as(DEMO.owner)
  const li = await world.as(DEMO.neighbour)
  const chen = await world.as(DEMO.chen)
  const zhao = await world.as(DEMO.zhao)
  const sun = await world.as(DEMO.gridWorker2)

  const file = async (h: Headers, iso: string, categoryId: string) => {
    at(iso)
    const r = await world.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...h, 'idempotency-key': newKey() }, payload: validReport({ categoryId }) })
    expect(r.statusCode).toBe(201)
    return r.json().id as string
  }
  const move = async (h: Headers, id: string, iso: string, name: string, payload: object = {}) => {
    at(iso)
    const url = name === 'rate' ? `/api/v1/reports/${id}/rating` : `/api/v1/reports/${id}/actions/${name}`
    const r = await world.inject({ method: 'POST', url, headers: h, payload })
    expect(`${name} ${r.statusCode}`).toBe(`${name} 200`)
  }
  const toSun = { assignee: { kind: 'user', id: 'u-sun' } }

  const r1 = await file(wang, '2026-03-02T01:00:00.000Z', 'cat-light')
  await move(staff, r1, '2026-03-02T03:00:00.000Z', 'accept')
  await move(staff, r1, '2026-03-02T03:30:00.000Z', 'assign', toSun)
  const r7 = await file(wang, '2026-03-03T00:00:00.000Z', 'cat-light')
  await move(staff, r7, '2026-03-03T00:30:00.000Z', 'merge', { intoReportId: r1 })
  await move(sun, r1, '2026-03-03T01:00:00.000Z', 'resolve', { note: '已更换灯泡' })
  await move(wang, r1, '2026-03-03T05:00:00.000Z', 'rate', { level: 'satisfied', comment: '' })

  const r2 = await file(li, '2026-03-02T10:00:00.000Z', 'cat-garbage')
  await move(sun, r2, '2026-03-02T14:00:00.000Z', 'accept')
  await move(sun, r2, '2026-03-02T14:30:00.000Z', 'assign', toSun)
  await move(sun, r2, '2026-03-02T22:00:00.000Z', 'resolve', { note: '已清运' })
  await move(li, r2, '2026-03-03T02:00:00.000Z', 'rate', { level: 'unsatisfied', comment: '还有一半没运走' })

  const r3 = await file(chen, '2026-03-04T20:00:00.000Z', 'cat-road')
  await move(staff, r3, '2026-03-05T00:00:00.000Z', 'escalate', { note: '请街道协调' })
  const r4 = await file(zhao, '2026-03-05T15:59:00.000Z', 'cat-noise')
  await move(staff, r4, '2026-03-05T17:00:00.000Z', 'reject', { reason: '不属于本社区管辖' })
  await file(wang, TO, 'cat-light')
  const r6 = await file(li, '2026-03-01T15:59:00.000Z', 'cat-water')
  await move(staff, r6, '2026-03-02T02:00:00.000Z', 'accept')
  await move(staff, r6, '2026-03-02T02:10:00.000Z', 'assign', toSun)
  await move(sun, r6, '2026-03-02T04:00:00.000Z', 'resolve', { note: '已修好' })
  await file(chen, FROM, 'cat-road')

  // Another community's report inside the range, resolved inside the chart.
  await world.db.exec(`
    INSERT INTO communities (id, name, kind, district, street_id, join_code, report_prefix) VALUES ('c-other', '临溪村', 'village', '某镇', 's-dongting', 'LXLX22', 'LX');
    INSERT INTO grids (id, community_id, name, position) VALUES ('g-other', 'c-other', '一组', 0);
    INSERT INTO categories (id, community_id, name, deadline_hours, position) VALUES ('cat-village', 'c-other', '其他', 72, 0);
    INSERT INTO users (id, community_id, name, phone, roles, demo) VALUES ('u-other-staff', 'c-other', '村干部', '13900000000', '{staff}', true);
    INSERT INTO reports (id, number, community_id, grid_id, category_id, category_name, description, location, anonymous, reporter_id, reporter_name,
        status, created_at, updated_at, accepted_at, resolved_at, deadline_at)
      VALUES ('r-x', 'LX-20260303-0001', 'c-other', 'g-other', 'cat-village', '其他', '村口的桥栏杆断了', '{"kind":"text","address":"村口"}', false,
        'u-other-staff', '村干部', 'resolved', '2026-03-03T00:00:00Z', '2026-03-03T02:00:00Z', '2026-03-03T01:00:00Z', '2026-03-03T02:00:00Z', '2026-03-06T00:00:00Z');
    INSERT INTO report_events (id, report_id, action, from_status, to_status, actor_id, actor_name, actor_role, at, public)
      VALUES ('e-x', 'r-x', 'resolve', 'in_progress', 'resolved', 'u-other-staff', '村干部', 'staff', '2026-03-03T02:00:00Z', true);
  `)
  at('2026-03-10T04:00:00.000Z')
})
afterAll(() => world.close())

const dashboard = (h: Headers, from = FROM, to = TO) =>
  world.inject({ url: `/api/v1/dashboard?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, headers: h })

describe('the dashboard', () => {
  it('gives the figures worked out by hand (R6, filed before the range, still counts as resolved on the chart)', async () => {
    const response = await dashboard(staff)
    expect(response.statusCode).toBe(200)
    const stats = response.json()
    const { daily, ...figures } = stats
    expect(figures).toEqual({
      communityId: 'c-yingyue',
      from: FROM,
      to: TO,
      received: 6,
      byStatus: { submitted: 2, accepted: 0, in_progress: 0, resolved: 0, closed: 1, rejected: 1, transferred: 0, reopened: 1, merged: 1 },
      completionRate: 0.25,
      completionBase: 4,
      rated: 2,
      ratedUnsatisfied: 1,
      satisfactionRate: 0.5,
      medianHoursToAccept: 3,
      medianHoursToResolve: 24,
      overdue: 3,
      escalated: 1,
    })
    expect(daily).toHaveLength(30)
    expect(daily[0].day).toBe('2026-02-05')
    expect(daily[29].day).toBe('2026-03-06')
    const busy = daily.filter((d: { received: number; resolved: number }) => d.received || d.resolved)
    expect(busy).toEqual([
      { day: '2026-03-01', received: 1, resolved: 0 },
      { day: '2026-03-02', received: 3, resolved: 1 },
      { day: '2026-03-03', received: 1, resolved: 2 },
      { day: '2026-03-05', received: 2, resolved: 0 },
    ])
  })

  it('is computed when asked: the overdue count follows the clock (no stored counters)', async () => {
    const saved = clock
    try {
      at('2026-03-05T00:00:00.000Z')
      expect((await dashboard(staff)).json().overdue).toBe(2)
    } finally {
      clock = saved
    }
    expect((await dashboard(staff)).json().overdue).toBe(3)
  })

  it('shows another community’s staff only their own report', async () => {
    const stats = (await dashboard(await world.as('u-other-staff'))).json()
    expect(stats).toMatchObject({ communityId: 'c-other', received: 1, byStatus: { resolved: 1 }, completionRate: 1, medianHoursToAccept: 1, medianHoursToResolve: 2 })
    expect(stats.daily.find((d: { day: string }) => d.day === '2026-03-03')).toEqual({ day: '2026-03-03', received: 1, resolved: 1 })
  })

  it('draws the 30 China days ending with `to`: earlier resolutions fall off the chart', async () => {
    const stats = (await dashboard(staff, '2026-03-05T16:00:00.000Z', '2026-04-04T16:00:00.000Z')).json()
    // 30 days ending 4 April start on 6 March: the resolutions of 2–3 March are off the chart, R5 is on it.
    expect(stats.daily[0].day).toBe('2026-03-06')
    expect(stats.daily.reduce((n: number, d: { resolved: number }) => n + d.resolved, 0)).toBe(0)
    expect(stats.daily.find((d: { day: string }) => d.day === '2026-03-07')).toEqual({ day: '2026-03-07', received: 1, resolved: 0 })
    expect(stats.received).toBe(1)
  })

  it('is for staff only (403), before the range is looked at', async () => {
    for (const who of [DEMO.owner, DEMO.leader, DEMO.gridWorker2, DEMO.admin]) {
      const h = await world.as(who)
      expectError(await dashboard(h), 403, 'forbidden')
      expectError(await dashboard(h, TO, FROM), 403, 'forbidden')
    }
  })

  it('refuses a backwards, empty or over-long range (422) and a missing, unreadable or out-of-range one (400)', async () => {
    expectError(await dashboard(staff, TO, FROM), 422, 'validation', ['to'])
    expectError(await dashboard(staff, FROM, FROM), 422, 'validation', ['to'])
    expectError(await dashboard(staff, '2025-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'), 422, 'validation', ['to'])
    expect((await dashboard(staff, '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')).statusCode).toBe(200)
    expectError(await dashboard(staff, 'yesterday', TO), 400, 'validation', ['from'])
    expect(expectError(await dashboard(staff, '+010000-01-01T00:00:00Z', '+010000-02-01T00:00:00Z'), 400, 'validation', ['from', 'to'])).toEqual({ from: '时间超出范围', to: '时间超出范围' })
    expectError(await world.inject({ url: '/api/v1/dashboard', headers: staff }), 400, 'validation', ['from', 'to'])
  })
})
