import type { ReportsApi } from '../../client'
import { ApiError } from '../../errors'
import { ENDPOINTS } from '../endpoints'
import { newReportBody, pageQuery } from './bodies'
import type { HttpContext } from './context'

const { reports } = ENDPOINTS

export function reportsApi({ call }: HttpContext): ReportsApi {
  return {
    submit: async (input, { idempotencyKey }) => {
      // 代报 has its own entry (handling.submitOnBehalf), as on every adapter.
      if (input.onBehalfOf !== undefined) {
        throw new ApiError('validation', '代报请使用“代邻居反映”', { fields: { onBehalfOf: '代报请使用“代邻居反映”' } })
      }
      return call(reports.submit, { body: newReportBody(input), idempotencyKey })
    },
    listMine: (query) => call(reports.listMine, { query: pageQuery(query) }),
    get: (id) => call(reports.get, { params: { id } }),
    rate: (id, input) => call(reports.rate, { params: { id }, body: { level: input.level, comment: input.comment } }),
    meToo: (id) => call(reports.meToo, { params: { id } }),
    listPublic: (query = {}) => call(reports.listPublic, { query: { ...pageQuery(query), categoryId: query.categoryId } }),
  }
}
