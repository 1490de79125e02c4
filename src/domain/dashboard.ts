import type { DashboardStats, Report, ReportStatus, TimelineEvent } from '../../types/domain'
import { isOverdue } from './deadline'
import { INSTANT_MESSAGES, instantProblem } from './instants'
import { REPORT_STATUSES } from './report-status'
import type { FieldErrors } from './validation'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Communities keep China time: days start at 00:00 UTC+8. */
const CHINA_OFFSET = 8 * HOUR

export function chinaDay(iso: string | number): string {
  return new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + CHINA_OFFSET).toISOString().slice(0, 10)
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A dashboard covers at most this many days. */
export const DASHBOARD_MAX_DAYS = 366

/** The range of a dashboard request: two instants, `from` before `to`, at most 366 days apart. */
export function validateRange(range: { from?: unknown; to?: unknown } | undefined): FieldErrors {
  const errors: FieldErrors = {}
  const fromProblem = instantProblem(range?.from)
  const toProblem = instantProblem(range?.to)
  if (fromProblem) errors.from = fromProblem === 'range' ? INSTANT_MESSAGES.range : '开始时间格式不正确'
  if (toProblem) errors.to = toProblem === 'range' ? INSTANT_MESSAGES.range : '结束时间格式不正确'
  if (Object.keys(errors).length > 0) return errors
  const from = Date.parse(range?.from as string)
  const to = Date.parse(range?.to as string)
  if (to <= from) errors.to = '结束时间必须晚于开始时间'
  else if (to - from > DASHBOARD_MAX_DAYS * DAY) errors.to = `时间范围不能超过${DASHBOARD_MAX_DAYS}天`
  return errors
}

/**
 * What one dashboard reads: reports filed in [from, to) are "received"; the chart covers the China
 * days from `chartFrom` up to `to` (nothing at or after `to`); `now` decides what is overdue.
 */
export interface DashboardSpan {
  from: string
  to: string
  chartFrom: string
  now: string
}

/**
 * The figures a dashboard is made of, as a store aggregates them where the data is (the SQL one in
 * one statement over indexes; the memory one from its rows with `dashboardFacts`): counts over the
 * received reports, medians in milliseconds, and the daily counts keyed by China day.
 */
export interface DashboardFacts {
  /** Every status, 0 where none. */
  byStatus: Record<ReportStatus, number>
  /** Received reports carrying a rating (their latest), and of those rated 不满意. */
  rated: number
  ratedUnsatisfied: number
  overdue: number
  escalated: number
  /** Median milliseconds from filing to acceptance / to resolution, over the received reports that got there. */
  medianMsToAccept: number | null
  medianMsToResolve: number | null
  /** China day (YYYY-MM-DD) → reports filed / resolve steps taken that day, within the chart. */
  receivedByDay: Record<string, number>
  resolvedByDay: Record<string, number>
}

/** The facts of `span` from a community's reports and resolve steps held in memory. */
export function dashboardFacts(input: { communityId: string; reports: readonly Report[]; events: readonly TimelineEvent[]; span: DashboardSpan }): DashboardFacts {
  const { span } = input
  const from = Date.parse(span.from)
  const to = Date.parse(span.to)
  const chartFrom = Date.parse(span.chartFrom)
  const now = new Date(span.now)
  const ours = input.reports.filter((r) => r.communityId === input.communityId)
  const received = ours.filter((r) => {
    const at = Date.parse(r.createdAt)
    return at >= from && at < to
  })
  const byStatus = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>
  for (const r of received) byStatus[r.status] += 1
  const rated = received.filter((r) => r.rating)
  const msBetween = (a: string, b: string) => Date.parse(b) - Date.parse(a)
  const inChart = (at: string) => Date.parse(at) >= chartFrom && Date.parse(at) < to
  const countByDay = (instants: string[]) => {
    const counts: Record<string, number> = {}
    for (const at of instants.filter(inChart)) counts[chinaDay(at)] = (counts[chinaDay(at)] ?? 0) + 1
    return counts
  }
  const ids = new Set(ours.map((r) => r.id))
  return {
    byStatus,
    rated: rated.length,
    ratedUnsatisfied: rated.filter((r) => r.rating!.level === 'unsatisfied').length,
    overdue: received.filter((r) => isOverdue(r, now)).length,
    escalated: received.filter((r) => r.escalated).length,
    medianMsToAccept: median(received.filter((r) => r.acceptedAt).map((r) => msBetween(r.createdAt, r.acceptedAt!))),
    medianMsToResolve: median(received.filter((r) => r.resolvedAt).map((r) => msBetween(r.createdAt, r.resolvedAt!))),
    receivedByDay: countByDay(ours.map((r) => r.createdAt)),
    resolvedByDay: countByDay(input.events.filter((e) => e.action === 'resolve' && ids.has(e.reportId)).map((e) => e.at)),
  }
}

/** The first instant of the 30 China-time days of the chart, which end with the day of `to`. */
export function chartStart(to: string): string {
  const lastDayStart = Date.parse(`${chinaDay(Date.parse(to) - 1)}T00:00:00.000Z`) - CHINA_OFFSET
  return new Date(lastDayStart - 29 * DAY).toISOString()
}

/**
 * The staff dashboard from its facts. "Received" means filed in [from, to). 办结率 counts resolved and
 * closed reports over those received, leaving out 不予受理 (never to be fixed) and merged duplicates —
 * that base is answered too (`completionBase`). 满意率 counts 满意 and 基本满意 over the received reports
 * that carry a rating (their latest): a report rated 不满意 was reopened, so it is counted in `rated`
 * and in `ratedUnsatisfied` but not in the closed bucket of `byStatus` — the screen says so.
 * The chart covers the 30 China-time days ending with the day of `to` (nothing at or after `to`).
 */
export function dashboardOf(communityId: string, range: { from: string; to: string }, facts: DashboardFacts): DashboardStats {
  const byStatus = Object.fromEntries(REPORT_STATUSES.map((s) => [s, facts.byStatus[s] ?? 0])) as Record<ReportStatus, number>
  const received = REPORT_STATUSES.reduce((sum, s) => sum + byStatus[s], 0)
  const countable = received - byStatus.merged - byStatus.rejected
  const done = byStatus.resolved + byStatus.closed
  const lastDay = chinaDay(Date.parse(range.to) - 1)
  const daily: DashboardStats['daily'] = []
  for (let i = 29; i >= 0; i--) {
    const day = new Date(Date.parse(`${lastDay}T00:00:00.000Z`) - i * DAY).toISOString().slice(0, 10)
    daily.push({ day, received: facts.receivedByDay[day] ?? 0, resolved: facts.resolvedByDay[day] ?? 0 })
  }
  const hours = (ms: number | null) => (ms === null ? null : ms / HOUR)
  return {
    communityId,
    from: range.from,
    to: range.to,
    received,
    byStatus,
    completionRate: countable > 0 ? done / countable : 0,
    completionBase: countable,
    rated: facts.rated,
    ratedUnsatisfied: facts.ratedUnsatisfied,
    satisfactionRate: facts.rated > 0 ? (facts.rated - facts.ratedUnsatisfied) / facts.rated : 0,
    medianHoursToAccept: hours(facts.medianMsToAccept),
    medianHoursToResolve: hours(facts.medianMsToResolve),
    overdue: facts.overdue,
    escalated: facts.escalated,
    daily,
  }
}

export interface DashboardInput {
  communityId: string
  reports: readonly Report[]
  events: readonly TimelineEvent[]
  from: string
  to: string
  now: Date
}

/** The dashboard of reports and resolve steps held in memory: `dashboardOf` their `dashboardFacts`. */
export function computeDashboard(input: DashboardInput): DashboardStats {
  const span = { from: input.from, to: input.to, chartFrom: chartStart(input.to), now: input.now.toISOString() }
  return dashboardOf(input.communityId, input, dashboardFacts({ communityId: input.communityId, reports: input.reports, events: input.events, span }))
}
