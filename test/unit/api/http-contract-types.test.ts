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
  // issue 10
  Assert<Same<typeof C.CommunitySchema>>,
  Assert<Same<typeof C.CommunitySummarySchema>>,
  Assert<Same<typeof C.CommunitySearchQuerySchema>>,
  Assert<Same<typeof C.CommunitySummaryListSchema>>,
  Assert<Same<typeof C.CommunityListSchema>>,
  Assert<Same<typeof C.JoinCommunitySchema>>,
  Assert<Same<typeof C.JoinCodeSchema>>,
  Assert<Same<typeof C.UserSchema>>,
  Assert<Same<typeof C.ClaimStatusSchema>>,
  Assert<Same<typeof C.HouseholdMemberSchema>>,
  Assert<Same<typeof C.HouseholdSchema>>,
  Assert<Same<typeof C.HouseholdOrNoneSchema>>,
  Assert<Same<typeof C.HouseholdClaimSchema>>,
  Assert<Same<typeof C.MyHomeSchema>>,
  Assert<Same<typeof C.ClaimInputSchema>>,
  Assert<Same<typeof C.ClaimQuerySchema>>,
  Assert<Same<typeof C.ClaimPageSchema>>,
  Assert<Same<typeof C.ReasonSchema>>,
  Assert<Same<typeof C.UserIdSchema>>,
  Assert<Same<typeof C.InvitedRoleSchema>>,
  Assert<Same<typeof C.InviteStatusSchema>>,
  Assert<Same<typeof C.InviteSchema>>,
  Assert<Same<typeof C.InviteListSchema>>,
  Assert<Same<typeof C.InviteInputSchema>>,
  Assert<Same<typeof C.QrCodeSchema>>,
  Assert<Same<typeof C.RedeemInviteSchema>>,
  Assert<Same<typeof C.MemberSchema>>,
  Assert<Same<typeof C.MemberListSchema>>,
  Assert<Same<typeof C.RevokeRoleSchema>>,
  Assert<Same<typeof C.ProfileSchema>>,
  Assert<Same<typeof C.ProfileUpdateSchema>>,
  Assert<Same<typeof C.PersonalDataExportSchema>>,
  Assert<Same<typeof C.StructureInputSchema>>,
  Assert<Same<typeof C.StructureCountsSchema>>,
  // issue 12
  Assert<Same<typeof C.ServiceSchema>>,
  Assert<Same<typeof C.ServiceListSchema>>,
  Assert<Same<typeof C.SlotDayListSchema>>,
  Assert<Same<typeof C.BookingSchema>>,
  Assert<Same<typeof C.BookingPageSchema>>,
  Assert<Same<typeof C.MyBookingsSchema>>,
  Assert<Same<typeof C.ServiceDaySchema>>,
  Assert<Same<typeof C.ServiceQuerySchema>>,
  Assert<Same<typeof C.ServiceInputSchema>>,
  Assert<Same<typeof C.SlotQuerySchema>>,
  Assert<Same<typeof C.BookingInputSchema>>,
  Assert<Same<typeof C.RescheduleInputSchema>>,
  Assert<Same<typeof C.CheckInInputSchema>>,
  Assert<Same<typeof C.BookingRatingInputSchema>>,
  Assert<Same<typeof C.HouseholdTagsSchema>>,
  // issue 13
  Assert<Same<typeof C.ModerationMarkSchema>>,
  Assert<Same<typeof C.ModerationItemSchema>>,
  Assert<Same<typeof C.ModerationPageSchema>>,
  Assert<Same<typeof C.ModerationRejectInputSchema>>,
  Assert<Same<typeof C.AuditEventSchema>>,
  Assert<Same<typeof C.AuditPageSchema>>,
  Assert<Same<typeof C.AuditQuerySchema>>,
]

describe('the HTTP adapter types', () => {
  it('are read off the contract schemas exactly as TypeBox reads them (checked by tsc)', () => {
    const checked: Agreement['length'] = 90
    expect(checked).toBe(90)
  })
})
