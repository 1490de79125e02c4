/** Notices and their read receipts. Publishing is not repeated after a lost answer; marking read is. */
import type { NoticeInputBody, PageQueryBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const notices = {
  list: GET('/notices').query<PageQueryBody>().returns(shape.noticePage),
  listSent: GET('/notices/sent').query<PageQueryBody>().returns(shape.sentNoticePage),
  get: GET('/notices/{id}').returns(shape.notice),
  publish: POST('/notices').body<NoticeInputBody>().returns(shape.notice),
  markRead: POST('/notices/{id}/read').harmlessToRepeat().returns(shape.nothing),
  receipts: GET('/notices/{id}/receipts').returns(shape.receipts),
  unreadCount: GET('/notices/unread-count').returns(shape.count),
}
