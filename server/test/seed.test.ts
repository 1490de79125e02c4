import { CHUNHUI_REPORTS, CHUNHUI_USERS, DEMO_MESSAGES, DEMO_NOTICES, DEMO_REPORTS, DEMO_USERS } from '../../src/domain/demo-community'
import { seedDemo } from '../app'
import { freshDatabase } from './support/database'
import { DEMO, startWorld, type World } from './support/world'

const NOW = new Date('2026-11-21T08:00:00.000Z')
let world: World
beforeAll(async () => {
  world = await startWorld({ now: () => NOW })
})
afterAll(() => world.close())

describe('the demo seed', () => {
  it('replays every story through the rules to the state the story ends in', async () => {
    const rows = await world.db.query<{ description: string; status: string; created_at: Date; number: string; assignee: unknown; rating: unknown }>(
      // 映月社区's stories (the seed also loads 春晖社区, to show communities apart).
      "SELECT description, status, created_at, number, assignee, rating FROM reports WHERE community_id = 'c-yingyue' ORDER BY right(number, 4)",
    )
    expect(rows).toHaveLength(DEMO_REPORTS.length)
    const statusOf = (key: string) => rows.find((r) => r.description === DEMO_REPORTS.find((s) => s.key === key)!.description)!.status
    expect(Object.fromEntries(DEMO_REPORTS.map((s) => [s.key, statusOf(s.key)]))).toEqual({
      'r-light': 'submitted',
      'r-water': 'in_progress',
      'r-garbage': 'resolved',
      'r-bench': 'closed',
      'r-parking': 'accepted',
      'r-noise': 'rejected',
      'r-road': 'submitted',
    })
    // Times relative to now: the bench report was filed 240 hours before.
    const bench = rows.find((r) => r.description.startsWith('小广场的长椅'))!
    expect(new Date(bench.created_at).toISOString()).toBe(new Date(NOW.getTime() - 240 * 3_600_000).toISOString())
    expect(bench.rating).toMatchObject({ level: 'satisfied' })
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => expect.stringMatching(new RegExp(`^YY-\\d{8}-000${i + 1}$`))))
  })

  it('writes a timeline step per story step, with who made it', async () => {
    const owner = await world.as(DEMO.owner)
    const page = (await world.inject({ url: '/api/v1/reports/mine', headers: owner })).json()
    const water = page.items.find((i: { categoryId: string }) => i.categoryId === 'cat-water')
    const detail = (await world.inject({ url: `/api/v1/reports/${water.id}`, headers: owner })).json()
    expect(detail.timeline.map((e: { action: string; actorName: string }) => `${e.action}:${e.actorName}`)).toEqual([
      'submit:王秀兰',
      'accept:张敏',
      'assign:张敏',
      'progress:孙丽',
    ])
    expect(detail.report.assignee).toEqual({ kind: 'user', id: 'u-sun', name: '孙丽' })
  })

  it('publishes the demo notices and posts the demo messages through the same rules, relative to now', async () => {
    const notices = await world.db.query<{ title: string; author_id: string; scope_kind: string; building_ids: string[]; published_at: Date; expires_at: Date | null }>(
      "SELECT title, author_id, scope_kind, building_ids, published_at, expires_at FROM notices WHERE community_id = 'c-yingyue' ORDER BY published_at",
    )
    expect(notices).toHaveLength(DEMO_NOTICES.length)
    for (const story of DEMO_NOTICES) {
      const row = notices.find((n) => n.title === story.title)!
      expect(row).toMatchObject({ author_id: story.by, scope_kind: story.scope.kind, building_ids: story.scope.kind === 'buildings' ? story.scope.buildingIds : [] })
      const published = NOW.getTime() - story.ageHours * 3_600_000
      expect(new Date(row.published_at).getTime()).toBe(published)
      expect(row.expires_at === null ? undefined : new Date(row.expires_at).getTime()).toBe(
        story.expiresAfterHours === undefined ? undefined : published + story.expiresAfterHours * 3_600_000,
      )
    }
    // Each author has read their own notice; nobody else yet.
    const reads = await world.db.query<{ user_id: string; title: string }>("SELECT r.user_id, n.title FROM notice_reads r JOIN notices n ON n.id = r.notice_id WHERE n.community_id = 'c-yingyue'")
    expect(reads.map((r) => `${r.user_id} ${r.title}`).sort()).toEqual(DEMO_NOTICES.map((n) => `${n.by} ${n.title}`).sort())

    const messages = await world.db.query<{ thread_id: string; author_id: string; body: string; at: Date }>("SELECT thread_id, author_id, body, at FROM messages WHERE community_id = 'c-yingyue'")
    expect(messages).toHaveLength(DEMO_MESSAGES.length)
    const [water] = await world.db.query<{ id: string }>('SELECT id FROM reports WHERE category_id = $1', ['cat-water'])
    expect(messages[0]).toMatchObject({ thread_id: `report:${water.id}`, author_id: DEMO_MESSAGES[0].by, body: DEMO_MESSAGES[0].body })
    expect(new Date(messages[0].at).getTime()).toBe(NOW.getTime() - DEMO_MESSAGES[0].ageHours * 3_600_000)
  })

  it('does nothing the second time', async () => {
    expect(await seedDemo(world.db, NOW)).toBe(false)
    const [{ count }] = await world.db.query<{ count: number }>('SELECT count(*)::int AS count FROM reports')
    expect(count).toBe(DEMO_REPORTS.length + CHUNHUI_REPORTS.length)
  })

  it('is safe when two servers seed one empty database at once', async () => {
    const db = await freshDatabase()
    try {
      const results = await Promise.all([seedDemo(db, NOW), seedDemo(db, NOW)])
      expect(results.sort()).toEqual([false, true])
      const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM users')
      expect(count).toBe(DEMO_USERS.length + CHUNHUI_USERS.length)
    } finally {
      await db.close()
    }
  })
})
