/** The handlers' side: the inbox, the moves on a report, 代报 and reply templates. */
import type { InboxQueryBody, MoveBody, OnBehalfReportBody, PhoneRevealBody } from '../contract-types'
import { GET, POST } from '../endpoint'
import * as shape from '../shapes'

export const handling = {
  inbox: GET('/inbox').query<InboxQueryBody>().returns(shape.reportPage),
  /** `move`: one of the contract's handler moves (accept, reject, assign, transfer, progress, resolve, merge, escalate, close). */
  move: POST('/reports/{id}/actions/{move}').body<MoveBody>().returns(shape.detail),
  /** The full number of whom to call about a report (handlers only), with the reason the audit log records. */
  reporterPhone: POST('/reports/{id}/reporter-phone').body<PhoneRevealBody>().returns(shape.reporterPhone),
  /** 代报: a submission like any other (idempotency key, repeated on a transient failure). */
  submitOnBehalf: POST('/reports/on-behalf').body<OnBehalfReportBody>().idempotencyKey().returns(shape.report),
  replyTemplates: GET('/reply-templates').returns(shape.replyTemplates),
}
