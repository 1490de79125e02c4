import type { InboxQuery, NewReportInput } from '../../../../types/api'
import type { HandlingApi } from '../../client'
import { validationError } from '../../errors'
import { validateOnBehalf } from '../../../domain/assisted'
import type { HandlerMoveBody, MoveBody, ReportDetailBody } from '../contract-types'
import { handling } from '../endpoints/handling'
import { compact, pageQuery, withHousehold } from './bodies'
import type { HttpContext } from './context'

export function handlingApi({ call }: HttpContext): HandlingApi {
  /** One handler move: the contract's body, only the fields given. */
  const move =
    (name: HandlerMoveBody) =>
    (id: string, input: Partial<MoveBody> = {}): Promise<ReportDetailBody> => {
      const body: MoveBody = {
        note: input.note,
        reason: input.reason,
        photoIds: input.photoIds,
        assignee: input.assignee && { kind: input.assignee.kind, id: input.assignee.id },
        target: input.target && { kind: input.target.kind, id: input.target.id },
        intoReportId: input.intoReportId,
      }
      return call(handling.move, { params: { id, move: name }, body: compact(body) })
    }

  return {
    listInbox: (query: InboxQuery = {}) =>
      call(handling.inbox, {
        query: {
          ...pageQuery(query),
          status: query.status?.length ? query.status.join(',') : undefined,
          categoryId: query.categoryId,
          gridId: query.gridId,
          overdueOnly: query.overdueOnly,
          escalatedOnly: query.escalatedOnly,
        },
      }),
    accept: move('accept'),
    reject: move('reject'),
    assign: move('assign'),
    transfer: move('transfer'),
    progress: move('progress'),
    resolve: move('resolve'),
    merge: move('merge'),
    escalate: move('escalate'),
    close: move('close'),
    reporterPhone: (id: string, input) => call(handling.reporterPhone, { params: { id }, body: compact({ reason: input.reason, note: input.note }) }),
    submitOnBehalf: async (input: NewReportInput, { idempotencyKey }) => {
      // The route needs the household; without one, the domain's field message (as on every adapter).
      if (!input.onBehalfOf) throw validationError(validateOnBehalf(undefined, []))
      const body = withHousehold(input)
      return call(handling.submitOnBehalf, { body: { ...body, onBehalfOf: body.onBehalfOf! }, idempotencyKey })
    },
    listReplyTemplates: () => call(handling.replyTemplates),
  }
}
