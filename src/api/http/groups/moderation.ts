import type { AuditApi, ModerationApi } from '../../client'
import { audit, moderation } from '../endpoints/moderation'
import { compact, pageQuery } from './bodies'
import type { HttpContext } from './context'

export function moderationApi({ call }: HttpContext): ModerationApi {
  return {
    listHeld: (query) => call(moderation.listHeld, { query: pageQuery(query) }),
    approve: (itemId) => call(moderation.approve, { params: { id: itemId } }),
    reject: (itemId, reason) => call(moderation.reject, { params: { id: itemId }, body: { reason } }),
  }
}

export function auditApi({ call }: HttpContext): AuditApi {
  return {
    list: (query = {}) =>
      call(audit.list, {
        query: compact({
          cursor: query.cursor,
          limit: query.limit,
          communityId: query.communityId,
          action: query.action,
          subjectKind: query.subjectKind,
          subjectId: query.subjectId,
        }),
      }),
  }
}
