import type { TimeRange } from '../../../types/api'
import type { DashboardStats } from '../../../types/domain'
import { hasRole } from '../../domain/actor'
import { chinaDay, computeDashboard, validateRange } from '../../domain/dashboard'
import { hasErrors } from '../../domain/validation'
import type { Caller, Runtime } from '../context'
import { forbidden, validationError } from '../errors'
import type { Store } from '../ports'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR

/**
 * The staff dashboard: computed by the domain's `computeDashboard` from the reports and their
 * resolutions each time it is asked for — there are no stored counters to drift. Staff only.
 */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  async get(caller: Caller, range: TimeRange): Promise<DashboardStats> {
    const { actor } = caller
    if (!hasRole(actor, 'staff')) throw forbidden('只有社区工作者可以查看统计看板')
    const errors = validateRange(range)
    if (hasErrors(errors)) throw validationError(errors)
    const from = Date.parse(range.from)
    const to = Date.parse(range.to)
    // The chart: the 30 China-time days ending with the day of `to`.
    const lastDayStart = Date.parse(`${chinaDay(to - 1)}T00:00:00.000Z`) - CHINA_OFFSET
    const chartFrom = lastDayStart - 29 * DAY
    const chartTo = lastDayStart + DAY
    const iso = (ms: number) => new Date(ms).toISOString()
    const { reports, events } = await this.store.reports.listForDashboard(actor.communityId, {
      createdFrom: iso(Math.min(from, chartFrom)),
      createdTo: iso(Math.max(to, chartTo)),
      resolvedFrom: iso(chartFrom),
      resolvedTo: iso(chartTo),
    })
    return computeDashboard({ communityId: actor.communityId, reports, events, from: iso(from), to: iso(to), now: this.rt.now() })
  }
}
