/**
 * Message threads: a report's thread and a resident's general thread with the staff. Thread ids
 * hold a colon (`report:r_…`, `general:u-…`), encoded like every path parameter. Posting a message
 * is not repeated after a lost answer (it may have happened): the user sees the error and decides.
 */
import type { MessageInputBody, PageQueryBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const messages = {
  threads: GET('/threads').returns(shape.threads),
  list: GET('/threads/{threadId}/messages').query<PageQueryBody>().returns(shape.messagePage),
  postToThread: POST('/threads/{threadId}/messages').body<MessageInputBody>().returns(shape.message),
  /** Opens the report's thread if needed. */
  postToReport: POST('/reports/{reportId}/messages').body<MessageInputBody>().returns(shape.message),
  /** My general thread with the community's staff. */
  postGeneral: POST('/threads/general/messages').body<MessageInputBody>().returns(shape.message),
  markRead: POST('/threads/{threadId}/read').harmlessToRepeat().returns(shape.nothing),
  unreadCount: GET('/messages/unread-count').returns(shape.count),
}
