import type { ReportsApi } from '../../client'
import { reports } from '../endpoints/reports'
import { pageQuery, withHousehold } from './bodies'
import type { HttpContext } from './context'

export function reportsApi({ call }: HttpContext): ReportsApi {
  return {
    // A household named here is sent as is: the server refuses it (代报 has its own entry) with the
    // core's message, the same on every adapter.
    submit: (input, { idempotencyKey }) => call(reports.submit, { body: withHousehold(input), idempotencyKey }),
    listMine: (query) => call(reports.listMine, { query: pageQuery(query) }),
    get: (id) => call(reports.get, { params: { id } }),
    rate: (id, input) => call(reports.rate, { params: { id }, body: { level: input.level, comment: input.comment } }),
    meToo: (id) => call(reports.meToo, { params: { id } }),
    listPublic: (query = {}) => call(reports.listPublic, { query: { ...pageQuery(query), categoryId: query.categoryId } }),
    // The reference server's categories ask no extra questions (only an Open311 service definition does).
    questions: async () => [],
  }
}
