/** The moderation queue and the audit log (issue 13). A decision is not repeated after a lost answer: a second try would meet a conflict. */
import type { AuditQueryBody, ModerationRejectInputBody, PageQueryBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const moderation = {
  listHeld: GET('/moderation/items').query<PageQueryBody>().returns(shape.moderationPage),
  approve: POST('/moderation/items/{id}/approve').returns(shape.moderationItem),
  reject: POST('/moderation/items/{id}/reject').body<ModerationRejectInputBody>().returns(shape.moderationItem),
}

export const audit = {
  list: GET('/audit').query<AuditQueryBody>().returns(shape.auditPage),
}
