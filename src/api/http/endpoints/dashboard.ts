/** The staff's statistics over a time range. */
import type { DashboardQueryBody } from '../contract-types'
import { GET } from '../endpoint'
import * as shape from '../shapes'

export const dashboard = {
  stats: GET('/dashboard').query<DashboardQueryBody>().returns(shape.dashboard),
}
