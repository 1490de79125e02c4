/**
 * The query plans of the lists and the dashboard on PostgreSQL, over a seeded district (40,000
 * reports; the demo community holds 4,000 of them): EXPLAIN ANALYZE of the very statements the
 * repositories run. None may scan `reports` or `report_events` sequentially, and each reads a number
 * of rows bounded by its page (or, for the dashboard, by its community's range) — not by the table.
 * The plans are printed.
 */
import type { ReportStatus } from '../../types/domain'
import { createDatabase, migrate, seedDemo, type Database } from '../app'
import { DASHBOARD_SQL, inboxQuery, pageQuery, REPORT_COLUMNS } from '../repositories/reports'
import { TERMINAL_STATUSES } from '../../src/domain/report-status'
import { chartStart } from '../../src/domain/dashboard'
import { describeOnPostgres } from './support/on-postgres'
import { startPostgres, type TestPostgres } from './support/pg'
import { seedScale } from './support/scale-seed'

jest.setTimeout(180_000)

const OPEN: ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'transferred', 'reopened']
const PAGE = 21

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  Plans?: PlanNode[]
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)]
}

describeOnPostgres('query plans on PostgreSQL over a seeded district', () => {
  let pg: TestPostgres | null = null
  let db: Database
  let community: string
  const until = new Date('2026-11-30T16:00:00.000Z')
  const now = until.toISOString()
  const figures: string[] = []

  beforeAll(async () => {
    pg = await startPostgres()
    if (!pg) throw new Error('PostgreSQL binaries were found but no cluster started')
    db = await createDatabase({ databaseUrl: pg.url })
    await migrate(db)
    await seedDemo(db)
    const seeded = await seedScale(db, { total: 40_000, focus: 4_000, others: 50, until })
    community = seeded.communityId
    figures.push(`seeded ${seeded.reports} reports, ${seeded.events} steps in ${seeded.seconds.toFixed(1)} s`)
  })
  afterAll(async () => {
    console.log(`query plans (EXPLAIN ANALYZE)\n${figures.join('\n')}`)
    await db?.close()
    await pg?.stop()
  })

  /** The plan's scans of the report tables, after checking none is sequential. */
  async function explain(name: string, sql: string, params: unknown[]): Promise<{ scans: PlanNode[]; indexes: Set<string> }> {
    const [row] = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)
    const [{ Plan, 'Execution Time': ms }] = row['QUERY PLAN']
    const all = nodes(Plan)
    const scans = all.filter((n) => n['Relation Name'] === 'reports' || n['Relation Name'] === 'report_events')
    const read = scans.reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0)
    const indexes = all.filter((n) => n['Index Name'])
    figures.push(`  ${name.padEnd(34)} ${ms.toFixed(2).padStart(7)} ms  rows read ${String(read).padStart(6)}  ${[...new Set(indexes.map((n) => `${n['Node Type']} ${n['Index Name']}`))].join(', ')}`)
    expect(scans.length).toBeGreaterThan(0)
    for (const scan of scans) expect(`${scan['Node Type']} on ${scan['Relation Name']}`).not.toMatch(/^Seq Scan/)
    return { scans, indexes: new Set(indexes.map((n) => n['Index Name']!)) }
  }
  const rowsRead = (scans: PlanNode[]) => scans.reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0)

  it('reads the staff inbox, first page and deep, by the inbox index, a page per branch', async () => {
    const filter = { communityId: community, gridIds: 'all' as const, statuses: OPEN }
    const first = inboxQuery(filter, now, null, PAGE)
    const { scans, indexes } = await explain('inbox, first page', first.sql!, first.params)
    expect([...indexes]).toEqual(['reports_inbox'])
    expect(rowsRead(scans)).toBeLessThanOrEqual(5 * PAGE)
    // Deep: the page after the 1,001st open report (by class, deadline, filing; its rank at `now`).
    const [deep] = await db.query<{ deadline_at: string; created_at: string; id: string; inbox_class: number }>(
      `SELECT deadline_at, created_at, id, inbox_class FROM reports WHERE community_id = $1 AND status <> ALL($2::text[]) ORDER BY inbox_class, deadline_at, created_at, id OFFSET 1000 LIMIT 1`,
      [community, [...TERMINAL_STATUSES, 'resolved']],
    )
    const deadlineAt = new Date(deep.deadline_at).toISOString()
    const rank = deep.inbox_class === 0 || deadlineAt < now ? 0 : 1
    const after = { rank, deadlineAt, createdAt: new Date(deep.created_at).toISOString(), id: deep.id } as const
    const later = inboxQuery(filter, now, after, PAGE)
    expect(rowsRead((await explain('inbox, 1,000 rows deep', later.sql!, later.params)).scans)).toBeLessThanOrEqual(5 * PAGE)
  })

  it('reads a grid worker’s inbox by the grid index, one branch per grid', async () => {
    const q = inboxQuery({ communityId: community, gridIds: ['g-1', 'g-2'] }, now, null, PAGE)
    const { scans, indexes } = await explain('inbox, a grid worker (2 grids)', q.sql!, q.params)
    expect([...indexes]).toEqual(['reports_grid_inbox'])
    expect(rowsRead(scans)).toBeLessThanOrEqual(2 * 5 * PAGE)
  })

  it('reads my reports and the public list a page at a time', async () => {
    const mine = pageQuery(REPORT_COLUMNS, { mine: { userId: 'u-wang', communityId: community } }, null, PAGE)
    expect(rowsRead((await explain('my reports', mine.sql, mine.params)).scans)).toBeLessThanOrEqual(3 * PAGE)
    const open = pageQuery(REPORT_COLUMNS, { communityId: community, open: true, published: true }, null, PAGE)
    // Open reports are about a third of a year's: a page of them is found within a few pages of rows.
    expect(rowsRead((await explain('public list', open.sql, open.params)).scans)).toBeLessThanOrEqual(20 * PAGE)
  })

  it.each([30, 365])('computes the %i-day dashboard over its community’s range only', async (days) => {
    const from = new Date(until.getTime() - days * 86_400_000).toISOString()
    const { scans, indexes } = await explain(`dashboard, ${days} days`, DASHBOARD_SQL, [community, from, now, chartStart(now), now, [...TERMINAL_STATUSES]])
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE community_id = $1 AND created_at >= $2', [community, from])
    // The range's reports (twice at most: the range and the chart) and the chart's resolve steps — never another community's.
    expect(rowsRead(scans)).toBeLessThanOrEqual(2 * n + 1_000)
    expect(indexes).toEqual(new Set(['reports_community_created', 'report_events_community_resolves']))
  })
})
