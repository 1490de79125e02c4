import type { Static, TSchema } from 'typebox'
import type * as C from '../../../types/contract'
import type { Body } from '../../../src/api/http/contract-types'

/**
 * The HTTP adapter reads its types off the contract with its own `Body<S>` (the api layer may not
 * use the typebox package). These compile-time checks prove `Body` agrees with TypeBox's `Static`
 * for every schema the adapter uses: if TypeBox or the contract changes shape, `tsc` fails here.
 */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false
type Same<S extends TSchema> = Equal<Body<S>, Static<S>>

type Assert<T extends true> = T

export type Agreement = [
  Assert<Same<typeof C.ErrorBodySchema>>,
  Assert<Same<typeof C.ErrorKindSchema>>,
  Assert<Same<typeof C.SessionSchema>>,
  Assert<Same<typeof C.DemoAccountSchema>>,
  Assert<Same<typeof C.DemoSignInSchema>>,
  Assert<Same<typeof C.WeChatSignInSchema>>,
  Assert<Same<typeof C.DirectorySchema>>,
  Assert<Same<typeof C.PhotoSchema>>,
  Assert<Same<typeof C.NewReportSchema>>,
  Assert<Same<typeof C.ReportSchema>>,
  Assert<Same<typeof C.ReportSummarySchema>>,
  Assert<Same<typeof C.ReportDetailSchema>>,
  Assert<Same<typeof C.ReportPageSchema>>,
  Assert<Same<typeof C.PageQuerySchema>>,
  Assert<Same<typeof C.PublicQuerySchema>>,
  Assert<Same<typeof C.InboxQuerySchema>>,
  Assert<Same<typeof C.RatingSchema>>,
  Assert<Same<typeof C.MoveBodySchema>>,
  Assert<Same<typeof C.HandlerMoveSchema>>,
  Assert<Same<typeof C.ReplyTemplateSchema>>,
  Assert<Same<typeof C.ReporterPhoneSchema>>,
  Assert<Same<typeof C.ReportContactSchema>>,
  Assert<Same<typeof C.OnBehalfReportSchema>>,
  Assert<Same<typeof C.MessageThreadSchema>>,
  Assert<Same<typeof C.MessageSchema>>,
  Assert<Same<typeof C.MessagePageSchema>>,
  Assert<Same<typeof C.MessageInputSchema>>,
  Assert<Same<typeof C.UnreadCountSchema>>,
  Assert<Same<typeof C.NoticeSchema>>,
  Assert<Same<typeof C.NoticePageSchema>>,
  Assert<Same<typeof C.NoticeInputSchema>>,
  Assert<Same<typeof C.NoticeReceiptsSchema>>,
  Assert<Same<typeof C.DashboardQuerySchema>>,
  Assert<Same<typeof C.DashboardStatsSchema>>,
]

describe('the HTTP adapter types', () => {
  it('are read off the contract schemas exactly as TypeBox reads them (checked by tsc)', () => {
    const checked: Agreement['length'] = 34
    expect(checked).toBe(34)
  })
})
