/** A resident's reports: filing, following, rating, adding a voice, and the public list. */
import type { NewReportBody, PageQueryBody, PublicQueryBody, RatingBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const reports = {
  /** Repeated on a transient failure under the same key: the server answers a repeat with the original. */
  submit: POST('/reports').body<NewReportBody>().idempotencyKey().returns(shape.report),
  listMine: GET('/reports/mine').query<PageQueryBody>().returns(shape.reportPage),
  listPublic: GET('/reports/public').query<PublicQueryBody>().returns(shape.reportPage),
  get: GET('/reports/{id}').returns(shape.detail),
  rate: POST('/reports/{id}/rating').body<RatingBody>().returns(shape.detail),
  /** 附议 */
  meToo: POST('/reports/{id}/me-too').returns(shape.summary),
}
