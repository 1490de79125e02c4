import type { TimeRange } from '../../../types/api'
import type { DashboardStats } from '../../../types/domain'
import { hasRole } from '../../domain/actor'
import { chartStart, dashboardOf, validateRange } from '../../domain/dashboard'
import { hasErrors } from '../../domain/validation'
import type { Caller, Runtime } from '../context'
import { forbidden, notFound, validationError } from '../errors'
import type { Store } from '../ports'

/**
 * The staff dashboard: made by the domain's `dashboardOf` from the facts the store aggregates from the
 * reports and their resolutions each time it is asked for — there are no stored counters to drift. Staff of the
 * community, and officers of its street (街道), who name which of their communities.
 */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  async get(caller: Caller, range: TimeRange, communityId?: string): Promise<DashboardStats> {
    const community = await this.communityFor(caller, communityId)
    const errors = validateRange(range)
    if (hasErrors(errors)) throw validationError(errors)
    // As stored and answered: `toISOString()` whatever offset the caller wrote.
    const span = { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() }
    const facts = await this.store.reports.dashboardFacts(community, { ...span, chartFrom: chartStart(span.to), now: this.rt.now().toISOString() })
    return dashboardOf(community, span, facts)
  }

  /**
   * Whose figures: staff read their own community (naming another is not found); a street officer
   * names one of their street's communities (another street's is not found, as if it did not exist).
   */
  private async communityFor(caller: Caller, communityId: string | undefined): Promise<string> {
    const { actor } = caller
    if (hasRole(actor, 'staff') && actor.communityId !== null) {
      if (communityId !== undefined && communityId !== actor.communityId) throw notFound('社区不存在')
      return actor.communityId
    }
    if (hasRole(actor, 'street_staff') && actor.streetId) {
      if (communityId === undefined) throw validationError({ communityId: '请选择要查看的社区' })
      const community = typeof communityId === 'string' ? await this.store.directory.findCommunity(communityId) : null
      if (!community || community.streetId !== actor.streetId) throw notFound('社区不存在')
      return community.id
    }
    throw forbidden('只有社区工作者可以查看统计看板')
  }
}
