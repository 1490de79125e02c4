import type { NoticeInput } from '../../../../types/api'
import type { NoticesApi } from '../../client'
import { notices } from '../endpoints/notices'
import { compact, pageQuery } from './bodies'
import type { HttpContext } from './context'

export function noticesApi({ call }: HttpContext): NoticesApi {
  return {
    list: (query) => call(notices.list, { query: pageQuery(query) }),
    listSent: (query) => call(notices.listSent, { query: pageQuery(query) }),
    get: (id) => call(notices.get, { params: { id } }),
    publish: (input: NoticeInput) =>
      call(notices.publish, {
        body: compact({
          title: input.title,
          body: input.body,
          scope: input.scope.kind === 'community' ? { kind: 'community' as const } : { kind: 'buildings' as const, buildingIds: input.scope.buildingIds },
          urgent: input.urgent,
          pinned: input.pinned,
          expiresAt: input.expiresAt,
        }),
      }),
    markRead: async (id) => {
      await call(notices.markRead, { params: { id } })
    },
    receipts: (id) => call(notices.receipts, { params: { id } }),
    unreadCount: async () => (await call(notices.unreadCount)).count,
  }
}
