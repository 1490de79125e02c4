import type { TimeRange } from '../../../../types/api'
import type { DashboardApi } from '../../client'
import { dashboard } from '../endpoints/dashboard'
import type { HttpContext } from './context'

export function dashboardApi({ call }: HttpContext): DashboardApi {
  return {
    get: (range: TimeRange, communityId?: string) => call(dashboard.stats, { query: { from: range.from, to: range.to, communityId } }),
  }
}
