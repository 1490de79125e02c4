import type { TimeRange } from '../../types/api'
import type { DashboardStats } from '../../types/domain'
import { hasRole, type Actor } from '../../src/domain/actor'
import { chinaDay, computeDashboard, validateRange } from '../../src/domain/dashboard'
import { hasErrors } from '../../src/domain/validation'
import type { Database } from '../db/driver'
import { forbidden, ruleViolation } from '../errors'
import { listForDashboard } from '../repositories/reports'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR

/**
 * The staff dashboard: computed by the domain's `computeDashboard` from the reports and their
 * resolutions each time it is asked for — there are no stored counters to drift. Staff only.
 */
export class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async get(actor: Actor, range: TimeRange): Promise<DashboardStats> {
    if (!hasRole(actor, 'staff')) throw forbidden('只有社区工作者可以查看统计')
    const errors = validateRange(range)
    if (hasErrors(errors)) throw ruleViolation(errors)
    const from = Date.parse(range.from)
    const to = Date.parse(range.to)
    // The chart: the 30 China-time days ending with the day of `to`.
    const lastDayStart = Date.parse(`${chinaDay(to - 1)}T00:00:00.000Z`) - CHINA_OFFSET
    const chartFrom = lastDayStart - 29 * DAY
    const chartTo = lastDayStart + DAY
    const iso = (ms: number) => new Date(ms).toISOString()
    const { reports, events } = await listForDashboard(this.db, actor.communityId, {
      createdFrom: iso(Math.min(from, chartFrom)),
      createdTo: iso(Math.max(to, chartTo)),
      resolvedFrom: iso(chartFrom),
      resolvedTo: iso(chartTo),
    })
    return computeDashboard({ communityId: actor.communityId, reports, events, from: range.from, to: range.to, now: this.now() })
  }
}
