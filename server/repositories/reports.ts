import type { Assignee, Rating, Report, ReportLocation, ReportStatus, Role, TimelineEvent } from '../../types/domain'
import type { DashboardFacts, DashboardSpan, InboxFilter, Keyset, ReportOwner, ReportRepository, SummaryRow } from '../../src/core/ports'
import type { InboxPosition, InboxRank } from '../../src/domain/inbox'
import { householdReporterId } from '../../src/core/services/reports'
import { REPORT_STATUSES, TERMINAL_STATUSES } from '../../src/domain/report-status'
import { inOneUnit, type Queryable } from '../db/driver'
import { iso, isoOrUndefined, json, moderationColumns, moderationOf, orUndefined } from './rows'

/**
 * Reports and their timelines in SQL. A stored report's photos carry ids only (`url: ''`); the
 * service fills in URLs and sizes for the caller.
 */

export interface ReportRow {
  id: string
  number: string
  community_id: string
  grid_id: string
  building_id: string | null
  category_id: string
  category_name: string
  description: string
  photo_ids: string[]
  location: unknown
  anonymous: boolean
  reporter_id: string | null
  reporter_name: string
  filed_by_id: string | null
  filed_by_name: string | null
  beneficiary_building_id: string | null
  beneficiary_room: string | null
  beneficiary_name: string | null
  beneficiary_phone_masked: string | null
  status: ReportStatus
  assignee: unknown
  created_at: unknown
  updated_at: unknown
  accepted_at: unknown
  resolved_at: unknown
  deadline_at: unknown
  escalated: boolean
  rating: unknown
  merged_into_id: string | null
  reopen_count: number
  me_too_count: number
  version: number
  moderation_status: string | null
  moderation_reason: string | null
}

export const REPORT_COLUMNS = `id, number, community_id, grid_id, building_id, category_id, category_name, description, photo_ids, location,
  anonymous, reporter_id, reporter_name, filed_by_id, filed_by_name, status, assignee, created_at, updated_at, accepted_at,
  resolved_at, deadline_at, escalated, rating, merged_into_id, reopen_count, me_too_count, version,
  beneficiary_building_id, beneficiary_room, beneficiary_name, beneficiary_phone_masked, moderation_status, moderation_reason`

export function toReport(r: ReportRow): Report {
  const report: Report = {
    id: r.id,
    number: r.number,
    communityId: r.community_id,
    gridId: r.grid_id,
    categoryId: r.category_id,
    categoryName: r.category_name,
    description: r.description,
    photos: r.photo_ids.map((id) => ({ id, url: '' })),
    location: json<ReportLocation>(r.location),
    anonymous: r.anonymous,
    reporterId: r.reporter_id ?? householdReporterId(r.beneficiary_building_id ?? '', r.beneficiary_room ?? ''),
    reporterName: r.reporter_name,
    status: r.status,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    deadlineAt: iso(r.deadline_at),
    escalated: r.escalated,
    reopenCount: r.reopen_count,
    meTooCount: r.me_too_count,
    version: r.version,
  }
  // Optional fields are absent, not undefined, so answers and fingerprints stay clean.
  const optional: Partial<Report> = {
    buildingId: orUndefined(r.building_id),
    filedBy: r.filed_by_id ? { id: r.filed_by_id, name: r.filed_by_name ?? '' } : undefined,
    beneficiary: r.beneficiary_building_id
      ? {
          buildingId: r.beneficiary_building_id,
          room: r.beneficiary_room ?? '',
          ...(r.beneficiary_name ? { name: r.beneficiary_name } : {}),
          ...(r.beneficiary_phone_masked ? { phoneMasked: r.beneficiary_phone_masked } : {}),
        }
      : undefined,
    assignee: r.assignee ? json<Assignee>(r.assignee) : undefined,
    acceptedAt: isoOrUndefined(r.accepted_at),
    resolvedAt: isoOrUndefined(r.resolved_at),
    rating: r.rating ? json<Rating>(r.rating) : undefined,
    mergedIntoId: orUndefined(r.merged_into_id),
    moderation: moderationOf(r.moderation_status, r.moderation_reason),
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (report as unknown as Record<string, unknown>)[key] = value
  return report
}

const jsonOrNull = (value: unknown) => (value === undefined ? null : JSON.stringify(value))

export async function insertReport(q: Queryable, r: Report): Promise<void> {
  await q.query(
    `INSERT INTO reports (${REPORT_COLUMNS}) VALUES
     ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::jsonb, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20, $21, $22, $23, $24::jsonb, $25, $26, $27, $28,
      $29, $30, $31, $32, $33, $34)`,
    [
      r.id,
      r.number,
      r.communityId,
      r.gridId,
      r.buildingId ?? null,
      r.categoryId,
      r.categoryName,
      r.description,
      r.photos.map((p) => p.id),
      JSON.stringify(r.location),
      r.anonymous,
      r.reporterId.startsWith('home:') ? null : r.reporterId,
      r.reporterName,
      r.filedBy?.id ?? null,
      r.filedBy?.name ?? null,
      r.status,
      jsonOrNull(r.assignee),
      r.createdAt,
      r.updatedAt,
      r.acceptedAt ?? null,
      r.resolvedAt ?? null,
      r.deadlineAt,
      r.escalated,
      jsonOrNull(r.rating),
      r.mergedIntoId ?? null,
      r.reopenCount,
      r.meTooCount,
      r.version,
      r.beneficiary?.buildingId ?? null,
      r.beneficiary?.room ?? null,
      r.beneficiary?.name ?? null,
      r.beneficiary?.phoneMasked ?? null,
      ...moderationColumns(r.moderation),
    ],
  )
}

/**
 * Write a report after a move. Only if nobody changed it since it was read at `expectedVersion`
 * (optimistic check on top of the row lock); returns whether it was written.
 */
export async function updateReport(q: Queryable, r: Report, expectedVersion: number): Promise<boolean> {
  const rows = await q.query(
    `UPDATE reports SET grid_id = $2, status = $3, assignee = $4::jsonb, updated_at = $5, accepted_at = $6, resolved_at = $7,
       deadline_at = $8, escalated = $9, rating = $10::jsonb, merged_into_id = $11, reopen_count = $12, version = $13
     WHERE id = $1 AND version = $14
     RETURNING id`,
    [
      r.id,
      r.gridId,
      r.status,
      jsonOrNull(r.assignee),
      r.updatedAt,
      r.acceptedAt ?? null,
      r.resolvedAt ?? null,
      r.deadlineAt,
      r.escalated,
      jsonOrNull(r.rating),
      r.mergedIntoId ?? null,
      r.reopenCount,
      r.version,
      expectedVersion,
    ],
  )
  return rows.length === 1
}

/** One report; `forUpdate` locks its row until the transaction ends (moves serialise on it). */
export async function findReport(q: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<Report | null> {
  const [row] = await q.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id])
  return row ? toReport(row) : null
}

export interface PageFilter {
  /** Mine: reported by me, filed by me (代报), or filed for my household. */
  mine?: ReportOwner
  communityId?: string
  open?: boolean
  /** Public only: no moderation mark (the public view). */
  published?: boolean
  categoryId?: string
}

/** Newest first over (created_at, id) — the order of the domain's `compareNewestFirst` — after `cursor`. */
export async function listReportsPage(
  q: Queryable,
  filter: PageFilter,
  cursor: Keyset | null,
  limit: number,
): Promise<Report[]> {
  const { sql, params } = pageQuery(REPORT_COLUMNS, filter, cursor, limit)
  return (await q.query<ReportRow>(sql, params)).map(toReport)
}

const SUMMARY_COLUMNS = `id, number, category_id, category_name, description, status, created_at, updated_at, deadline_at,
  escalated, grid_id, anonymous, reporter_name, me_too_count, reopen_count, photo_ids, moderation_status, moderation_reason`

/**
 * The same page as `listReportsPage`, reading only what a list row shows: "my reports" is the
 * busiest read, and its cost is the server thread parsing rows (see `npm run bench`).
 */
export async function listSummariesPage(
  q: Queryable,
  filter: PageFilter,
  cursor: Keyset | null,
  limit: number,
): Promise<SummaryRow[]> {
  const { sql, params } = pageQuery(SUMMARY_COLUMNS, filter, cursor, limit)
  return (await q.query<ReportRow>(sql, params)).map((r) => {
    const row: SummaryRow = {
      id: r.id,
      number: r.number,
      categoryId: r.category_id,
      categoryName: r.category_name,
      description: r.description,
      status: r.status,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      deadlineAt: iso(r.deadline_at),
      escalated: r.escalated,
      gridId: r.grid_id,
      anonymous: r.anonymous,
      reporterName: r.reporter_name,
      meTooCount: r.me_too_count,
      reopenCount: r.reopen_count,
      photoCount: r.photo_ids.length,
    }
    const moderation = moderationOf(r.moderation_status, r.moderation_reason)
    if (moderation) row.moderation = moderation
    if (r.photo_ids[0]) row.firstPhotoId = r.photo_ids[0]
    return row
  })
}

export function pageQuery(
  columns: string,
  filter: PageFilter,
  cursor: Keyset | null,
  limit: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where: string[] = []
  if (filter.communityId !== undefined) where.push(`community_id = ${param(filter.communityId)}`)
  if (filter.open) where.push(`status <> ALL(${param([...TERMINAL_STATUSES])}::text[])`)
  if (filter.published) where.push('moderation_status IS NULL')
  if (filter.categoryId !== undefined) where.push(`category_id = ${param(filter.categoryId)}`)
  if (cursor) where.push(`(created_at, id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
  const order = 'ORDER BY created_at DESC, id DESC'
  const top = param(limit)
  const select = (conditions: string[]) =>
    `SELECT ${columns} FROM reports ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ${order} LIMIT ${top}`
  if (!filter.mine) return { sql: select(where), params }
  // Mine is three ways of owning a report. Each has its own (…, created_at, id) index, so each
  // branch reads just its newest rows in order; the union keeps the newest of those. (One WHERE
  // with OR would read and sort every report the caller owns, or scan the table.)
  const me = param(filter.mine.userId)
  const ways = [`reporter_id = ${me}`, `filed_by_id = ${me}`]
  if (filter.mine.home) {
    const { home, communityId } = filter.mine
    ways.push(`beneficiary_building_id = ${param(home.buildingId)} AND beneficiary_room = ${param(home.room)} AND community_id = ${param(communityId)}`)
  }
  const branches = ways.map((way) => `(${select([way, ...where])})`).join(' UNION ')
  return { sql: `SELECT ${columns} FROM (${branches}) AS mine ${order} LIMIT ${top}`, params }
}

/**
 * A handler's reports, most urgent first: overdue or redone, then open by deadline, then waiting on the
 * resident (resolved), then finished — the order of domain/inbox.ts, after `after`. Each rank is one
 * or two ranges of the stored `inbox_class` in an index that serves the order (migration 0013: a
 * class-1 report whose deadline has passed ranks 0), read as its own branch with a LIMIT; the union
 * of at most five such branches (per grid for a grid worker) is sorted at the end — a page costs the
 * same on the first page and the thousandth, at ten thousand reports or a million.
 */
export async function listInbox(q: Queryable, f: InboxFilter, now: string, after: InboxPosition | null, limit: number): Promise<Report[]> {
  const { sql, params } = inboxQuery(f, now, after, limit)
  if (!sql) return []
  return (await q.query<ReportRow>(sql, params)).map(toReport)
}

/** The parts of the inbox order: a stored class, maybe split at `now` by deadline, and its rank. */
const INBOX_PARTS: ReadonlyArray<{ inboxClass: number; rank: InboxRank; deadline?: 'past' | 'due' }> = [
  { inboxClass: 0, rank: 0 },
  { inboxClass: 1, rank: 0, deadline: 'past' },
  { inboxClass: 1, rank: 1, deadline: 'due' },
  { inboxClass: 2, rank: 2 },
  { inboxClass: 3, rank: 3 },
]

/** The statuses a stored class can hold (a class-0 report is reopened, or open again after 不满意). */
const CLASS_STATUSES: Record<number, (status: ReportStatus) => boolean> = {
  0: (s) => s !== 'resolved' && !TERMINAL_STATUSES.includes(s),
  1: (s) => s !== 'resolved' && s !== 'reopened' && !TERMINAL_STATUSES.includes(s),
  2: (s) => s === 'resolved',
  3: (s) => TERMINAL_STATUSES.includes(s),
}

export function inboxQuery(f: InboxFilter, now: string, after: InboxPosition | null, limit: number): { sql: string | null; params: unknown[] } {
  const params: unknown[] = []
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  // Whose: one branch per grid for a grid worker (or a chosen grid), else the community's index.
  const grids = f.gridId !== undefined ? (f.gridIds === 'all' || f.gridIds.includes(f.gridId) ? [f.gridId] : []) : f.gridIds === 'all' ? null : [...new Set(f.gridIds)]
  if (grids && grids.length === 0) return { sql: null, params }
  // Named on first use: a parameter no branch reads cannot be typed by PostgreSQL.
  const once = (value: unknown) => {
    let name: string | null = null
    return () => (name ??= param(value))
  }
  const nowParam = once(now)
  const common = [`community_id = ${param(f.communityId)}`]
  if (f.statuses?.length) common.push(`status = ANY(${param([...f.statuses])}::text[])`)
  if (f.categoryId) common.push(`category_id = ${param(f.categoryId)}`)
  if (f.escalatedOnly) common.push('escalated')
  const top = param(limit)
  const afterParams = after ? { deadline: once(after.deadlineAt), created: once(after.createdAt), id: once(after.id) } : null
  const branches: string[] = []
  for (const part of INBOX_PARTS) {
    if (after && part.rank < after.rank) continue
    if (f.statuses?.length && !f.statuses.some(CLASS_STATUSES[part.inboxClass])) continue
    // Overdue: open (class 0 or 1) with its deadline passed.
    if (f.overdueOnly && (part.inboxClass > 1 || part.deadline === 'due')) continue
    const where = [`inbox_class = ${part.inboxClass}`, ...common]
    if (part.deadline === 'past' || (f.overdueOnly && part.inboxClass === 0)) where.push(`deadline_at < ${nowParam()}::timestamptz`)
    if (part.deadline === 'due') where.push(`deadline_at >= ${nowParam()}::timestamptz`)
    if (afterParams && part.rank === after!.rank) {
      where.push(`(deadline_at, created_at, id) > (${afterParams.deadline()}::timestamptz, ${afterParams.created()}::timestamptz, ${afterParams.id()})`)
    }
    for (const grid of grids ?? [null]) {
      const whose = grid === null ? where : [`grid_id = ${param(grid)}`, ...where]
      branches.push(`(SELECT ${part.rank} AS inbox_rank, ${REPORT_COLUMNS} FROM reports WHERE ${whose.join(' AND ')} ORDER BY deadline_at, created_at, id LIMIT ${top})`)
    }
  }
  if (branches.length === 0) return { sql: null, params }
  const sql = `SELECT ${REPORT_COLUMNS} FROM (${branches.join(' UNION ALL ')}) AS inbox ORDER BY inbox_rank, deadline_at, created_at, id LIMIT ${top}`
  return { sql, params }
}

/** The next report number of a community (`YY-20261121-0007`); the counter row is locked until commit. */
export async function nextReportNumber(q: Queryable, communityId: string, createdAt: string): Promise<string> {
  const [row] = await q.query<{ report_prefix: string; report_seq: number }>(
    'UPDATE communities SET report_seq = report_seq + 1 WHERE id = $1 RETURNING report_prefix, report_seq',
    [communityId],
  )
  return `${row.report_prefix}-${createdAt.slice(0, 10).replace(/-/g, '')}-${String(row.report_seq).padStart(4, '0')}`
}

// ── timeline ────────────────────────────────────────────────────────────────────────────────

export interface EventRow {
  id: string
  report_id: string
  action: TimelineEvent['action']
  from_status: ReportStatus | null
  to_status: ReportStatus
  actor_id: string
  actor_name: string
  actor_role: Role
  at: unknown
  note: string | null
  assignee: unknown
  photo_ids: string[]
  public: boolean
}

export const EVENT_COLUMNS = 'id, report_id, action, from_status, to_status, actor_id, actor_name, actor_role, at, note, assignee, photo_ids, public'

export async function insertEvent(q: Queryable, e: TimelineEvent): Promise<void> {
  await q.query(
    `INSERT INTO report_events (${EVENT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::text[], $13)`,
    [
      e.id,
      e.reportId,
      e.action,
      e.fromStatus,
      e.toStatus,
      e.actorId,
      e.actorName,
      e.actorRole,
      e.at,
      e.note ?? null,
      jsonOrNull(e.assignee),
      e.photos.map((p) => p.id),
      e.public,
    ],
  )
}

export async function listEvents(q: Queryable, reportId: string): Promise<TimelineEvent[]> {
  const rows = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM report_events WHERE report_id = $1 ORDER BY at, seq`,
    [reportId],
  )
  return rows.map(toEvent)
}

export function toEvent(r: EventRow): TimelineEvent {
  return {
    id: r.id,
    reportId: r.report_id,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    at: iso(r.at),
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.assignee ? { assignee: json<Assignee>(r.assignee) } : {}),
    photos: r.photo_ids.map((id) => ({ id, url: '' })),
    public: r.public,
  }
}

// ── idempotency and 附议 ─────────────────────────────────────────────────────────────────────

export async function findIdempotencyKey(q: Queryable, userId: string, key: string): Promise<{ fingerprint: string; reportId: string } | null> {
  const [row] = await q.query<{ fingerprint: string; report_id: string }>(
    'SELECT fingerprint, report_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [userId, key],
  )
  return row ? { fingerprint: row.fingerprint, reportId: row.report_id } : null
}

/**
 * Claim a key for a report about to be created. False when the key is taken — if another
 * transaction is inserting it right now, PostgreSQL waits for it to end first, so the caller can
 * then read the winner's row.
 */
export async function claimIdempotencyKey(q: Queryable, k: { userId: string; key: string; fingerprint: string; reportId: string; at: string }): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO idempotency_keys (user_id, key, fingerprint, report_id, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [k.userId, k.key, k.fingerprint, k.reportId, k.at],
  )
  return rows.length === 1
}

/**
 * Add a voice (once per person); returns the report's count of voices after it. One statement: the
 * UPDATE takes the row's lock and adds what the INSERT added, so concurrent voices are never lost
 * (a count from a subquery would read a snapshot older than a concurrent insert).
 */
export async function addMeToo(q: Queryable, reportId: string, userId: string, at: string): Promise<number> {
  const [row] = await q.query<{ count: number }>(
    `WITH added AS (
       INSERT INTO me_too (report_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1
     )
     UPDATE reports SET me_too_count = me_too_count + (SELECT count(*)::int FROM added) WHERE id = $1 RETURNING me_too_count AS count`,
    [reportId, userId, at],
  )
  return row.count
}

// ── the dashboard ───────────────────────────────────────────────────────────────────────────

/**
 * The facts of a community's dashboard (domain/dashboard.ts) in one statement, aggregated by the
 * database over indexes — the received reports by (community_id, created_at), the resolve steps by
 * (community_id, at) — so no report row comes to Node whatever the range. Medians are
 * `percentile_cont(0.5)` over whole milliseconds (the domain's `median`: the mean of the middle two).
 * `statement_timeout` guards it: a dashboard that cannot be answered in DASHBOARD_TIMEOUT_MS is
 * refused as busy rather than left to hold a connection.
 */
export async function dashboardFacts(q: Queryable, communityId: string, span: DashboardSpan): Promise<DashboardFacts> {
  const [row] = await inOneUnit(q, async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = ${DASHBOARD_TIMEOUT_MS}`)
    return tx.query<{ facts: DashboardFacts }>(DASHBOARD_SQL, [communityId, span.from, span.to, span.chartFrom, span.now, [...TERMINAL_STATUSES]])
  })
  return row.facts
}

/** The longest a dashboard may take to compute. */
export const DASHBOARD_TIMEOUT_MS = 5_000

/** `to_char` of a China day: communities keep UTC+8 (domain/dashboard.ts, chinaDay). */
const chinaDay = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
// The median of the intervals, then in milliseconds: sorting intervals costs a fraction of sorting a
// computed float per row (≈0.5 ms vs 3 ms over a 5,000-report year), and extract() of an interval is
// an exact numeric, so a mean of the middle two (…,500 µs) stays exact.
const ms = (later: string) => `(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY ${later} - created_at)) * 1000)::float8`

export const DASHBOARD_SQL = `
  WITH filed AS (
    SELECT ${chinaDay('created_at')} AS day, count(*)::int AS n FROM reports
    WHERE community_id = $1 AND created_at >= $4::timestamptz AND created_at < $3::timestamptz GROUP BY 1
  ),
  resolves AS (
    SELECT ${chinaDay('at')} AS day, count(*)::int AS n FROM report_events
    WHERE community_id = $1 AND action = 'resolve' AND at >= $4::timestamptz AND at < $3::timestamptz GROUP BY 1
  )
  SELECT json_build_object(
    'byStatus', json_build_object(${REPORT_STATUSES.map((status) => `'${status}', count(*) FILTER (WHERE status = '${status}')`).join(', ')}),
    'rated', count(rating),
    'ratedUnsatisfied', count(*) FILTER (WHERE rating->>'level' = 'unsatisfied'),
    'overdue', count(*) FILTER (WHERE status <> 'resolved' AND status <> ALL($6::text[]) AND deadline_at < $5::timestamptz),
    'escalated', count(*) FILTER (WHERE escalated),
    'medianMsToAccept', ${ms('accepted_at')},
    'medianMsToResolve', ${ms('resolved_at')},
    'receivedByDay', (SELECT coalesce(json_object_agg(day, n), '{}'::json) FROM filed),
    'resolvedByDay', (SELECT coalesce(json_object_agg(day, n), '{}'::json) FROM resolves)
  ) AS facts
  FROM reports
  WHERE community_id = $1 AND created_at >= $2::timestamptz AND created_at < $3::timestamptz`

async function createReport(q: Queryable, report: Report, firstEvent: TimelineEvent): Promise<Report> {
  const numbered = { ...report, number: await nextReportNumber(q, report.communityId, report.createdAt) }
  await insertReport(q, numbered)
  await insertEvent(q, firstEvent)
  return numbered
}

/** The report repository of core/ports.ts over one connection or transaction. */
export function reportRepository(q: Queryable): ReportRepository {
  return {
    // Three statements: one unit even when called outside a transaction.
    create: (report, firstEvent) => inOneUnit(q, (tx) => createReport(tx, report, firstEvent)),
    find: (id) => findReport(q, id),
    findForUpdate: (id) => findReport(q, id, { forUpdate: true }),
    update: (report, expectedVersion) => updateReport(q, report, expectedVersion),
    addEvent: (event) => insertEvent(q, event),
    listEvents: (reportId) => listEvents(q, reportId),
    findIdempotencyKey: (userId, key) => findIdempotencyKey(q, userId, key),
    claimIdempotencyKey: (record) => claimIdempotencyKey(q, record),
    addMeToo: (reportId, userId, at) => addMeToo(q, reportId, userId, at),
    listMine: (owner, cursor, limit) => listSummariesPage(q, { mine: owner }, cursor, limit),
    listOpen: (filter, cursor, limit) => listReportsPage(q, { communityId: filter.communityId, open: true, published: true, categoryId: filter.categoryId }, cursor, limit),
    listInbox: (filter, now, after, limit) => listInbox(q, filter, now, after, limit),
    dashboardFacts: (communityId, span) => dashboardFacts(q, communityId, span),
  }
}
