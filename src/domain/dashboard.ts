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

export interface DashboardInput {
  communityId: string
  reports: readonly Report[]
  events: readonly TimelineEvent[]
  from: string
  to: string
  now: Date
}

/**
 * The staff dashboard, computed from the reports and their timelines — never from stored counters
 * that can drift. "Received" means filed in [from, to). 办结率 counts resolved and closed reports over
 * those received, leaving out 不予受理 (never to be fixed) and merged duplicates — that base is
 * answered too (`completionBase`). 满意率 counts 满意 and 基本满意 over the received reports that carry
 * a rating (their latest): a report rated 不满意 was reopened, so it is counted in `rated` and in
 * `ratedUnsatisfied` but not in the closed bucket of `byStatus` — the screen says so.
 * The chart covers the 30 China-time days ending with the day of `to` (nothing at or after `to`).
 */
export function computeDashboard(input: DashboardInput): DashboardStats {
  const from = Date.parse(input.from)
  const to = Date.parse(input.to)
  const received = input.reports.filter((r) => {
    const at = Date.parse(r.createdAt)
    return r.communityId === input.communityId && at >= from && at < to
  })
  const byStatus = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>
  for (const r of received) byStatus[r.status] += 1

  const countable = received.length - byStatus.merged - byStatus.rejected
  const done = byStatus.resolved + byStatus.closed
  const rated = received.filter((r) => r.rating)
  const unsatisfied = rated.filter((r) => r.rating!.level === 'unsatisfied').length
  const satisfied = rated.length - unsatisfied

  const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / HOUR
  const toAccept = received.filter((r) => r.acceptedAt).map((r) => hoursBetween(r.createdAt, r.acceptedAt!))
  const toResolve = received.filter((r) => r.resolvedAt).map((r) => hoursBetween(r.createdAt, r.resolvedAt!))

  const communityReportIds = new Set(input.reports.filter((r) => r.communityId === input.communityId).map((r) => r.id))
  const lastDay = chinaDay(to - 1)
  const days: string[] = []
  for (let i = 29; i >= 0; i--) days.push(new Date(Date.parse(`${lastDay}T00:00:00.000Z`) - i * DAY).toISOString().slice(0, 10))
  const daily = days.map((day) => ({ day, received: 0, resolved: 0 }))
  const index = new Map(daily.map((d, i) => [d.day, i]))
  // The chart ends at `to` too: what happens later on its last day belongs to a later range.
  for (const r of input.reports) {
    if (r.communityId !== input.communityId || Date.parse(r.createdAt) >= to) continue
    const i = index.get(chinaDay(r.createdAt))
    if (i !== undefined) daily[i].received += 1
  }
  for (const e of input.events) {
    if (e.action !== 'resolve' || !communityReportIds.has(e.reportId) || Date.parse(e.at) >= to) continue
    const i = index.get(chinaDay(e.at))
    if (i !== undefined) daily[i].resolved += 1
  }

  return {
    communityId: input.communityId,
    from: input.from,
    to: input.to,
    received: received.length,
    byStatus,
    completionRate: countable > 0 ? done / countable : 0,
    completionBase: countable,
    rated: rated.length,
    ratedUnsatisfied: unsatisfied,
    satisfactionRate: rated.length > 0 ? satisfied / rated.length : 0,
    medianHoursToAccept: median(toAccept),
    medianHoursToResolve: median(toResolve),
    overdue: received.filter((r) => isOverdue(r, input.now)).length,
    escalated: received.filter((r) => r.escalated).length,
    daily,
  }
}
