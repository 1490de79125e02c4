import type { MessagesApi } from '../../client'
import { messages } from '../endpoints/messages'
import { pageQuery } from './bodies'
import type { HttpContext } from './context'

export function messagesApi({ call }: HttpContext): MessagesApi {
  return {
    listThreads: () => call(messages.threads),
    listMessages: (threadId, query) => call(messages.list, { params: { threadId }, query: pageQuery(query) }),
    send: (to, text) => {
      const body = { body: text }
      if (to === 'general') return call(messages.postGeneral, { body })
      if ('reportId' in to) return call(messages.postToReport, { params: { reportId: to.reportId }, body })
      return call(messages.postToThread, { params: { threadId: to.threadId }, body })
    },
    markRead: async (threadId) => {
      await call(messages.markRead, { params: { threadId } })
    },
    unreadCount: async () => (await call(messages.unreadCount)).count,
  }
}
