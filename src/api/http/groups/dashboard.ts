import type { TimeRange } from '../../../../types/api'
import type { DashboardApi } from '../../client'
import { ENDPOINTS } from '../endpoints'
import type { HttpContext } from './context'

export function dashboardApi({ call }: HttpContext): DashboardApi {
  return {
    get: (range: TimeRange, communityId?: string) => call(ENDPOINTS.dashboard.stats, { query: { from: range.from, to: range.to, communityId } }),
  }
}
