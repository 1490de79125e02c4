/**
 * The HTTP adapter's request and response types, read off the contract's TypeBox schemas
 * (`types/contract.ts`) — never hand-copied — so a change to the contract breaks this adapter's build.
 *
 * Only types cross over (`import type`): no schema code reaches the app bundle. The api layer may not
 * use the `typebox` package itself (docs/adr/0001), so `Body<S>` below is TypeBox's `Static<S>`
 * for the schema kinds the contract uses, read from the `'~kind'` tags TypeBox 1.x puts on every
 * schema type. test/unit/api/http-contract-types.test.ts proves it equals TypeBox's own `Static`
 * for every schema named here.
 */
import type * as C from '../../../types/contract'

type Flatten<T> = { [K in keyof T]: T[K] } & {}

type OptionalKeys<P> = { [K in keyof P]: P[K] extends { '~optional': true } ? K : never }[keyof P]
type RequiredKeys<P> = Exclude<keyof P, OptionalKeys<P>>

type BodyOfProperties<P> = Flatten<{ [K in RequiredKeys<P>]: Body<P[K]> } & { [K in OptionalKeys<P>]?: Body<P[K]> }>

type BodyOfUnion<Members> = Members extends readonly [infer Head, ...infer Tail] ? Body<Head> | BodyOfUnion<Tail> : never

/** What a value valid against schema `S` looks like (TypeBox's `Static`, for the contract's schema kinds). */
export type Body<S> = S extends { '~kind': 'Literal'; const: infer V }
  ? V
  : S extends { '~kind': 'String' }
    ? string
    : S extends { '~kind': 'Number' } | { '~kind': 'Integer' }
      ? number
      : S extends { '~kind': 'Boolean' }
        ? boolean
        : S extends { '~kind': 'Null' }
          ? null
          : S extends { '~kind': 'Array'; items: infer I }
            ? Array<Body<I>>
            : S extends { '~kind': 'Record'; patternProperties: infer P }
              ? Record<string, Body<P[keyof P]>>
              : S extends { '~kind': 'Union'; anyOf: infer M }
                ? BodyOfUnion<M>
                : S extends { '~kind': 'Object'; properties: infer P }
                  ? BodyOfProperties<P>
                  : never

// ── the bodies this adapter sends and receives ──────────────────────────────────────────────────

export type ErrorBody = Body<typeof C.ErrorBodySchema>
export type ErrorKindBody = Body<typeof C.ErrorKindSchema>
export type SessionBody = Body<typeof C.SessionSchema>
export type DemoAccountBody = Body<typeof C.DemoAccountSchema>
export type DemoSignInBody = Body<typeof C.DemoSignInSchema>
export type WeChatSignInBody = Body<typeof C.WeChatSignInSchema>
export type DirectoryBody = Body<typeof C.DirectorySchema>
export type PhotoBody = Body<typeof C.PhotoSchema>
export type NewReportBody = Body<typeof C.NewReportSchema>
export type ReportBody = Body<typeof C.ReportSchema>
export type ReportSummaryBody = Body<typeof C.ReportSummarySchema>
export type ReportDetailBody = Body<typeof C.ReportDetailSchema>
export type ReporterPhoneBody = Body<typeof C.ReporterPhoneSchema>
export type ReportPageBody = Body<typeof C.ReportPageSchema>
export type PageQueryBody = Body<typeof C.PageQuerySchema>
export type BookingExportQueryBody = Body<typeof C.BookingExportQuerySchema>
export type HouseholdQueryBody = Body<typeof C.HouseholdQuerySchema>
export type BookingHouseholdBody = Body<typeof C.BookingHouseholdSchema>
export type PublicQueryBody = Body<typeof C.PublicQuerySchema>
export type InboxQueryBody = Body<typeof C.InboxQuerySchema>
export type RatingBody = Body<typeof C.RatingSchema>
export type MoveBody = Body<typeof C.MoveBodySchema>
export type PhoneRevealBody = Body<typeof C.PhoneRevealBodySchema>
export type HandlerMoveBody = Body<typeof C.HandlerMoveSchema>
export type ReplyTemplateBody = Body<typeof C.ReplyTemplateSchema>
export type OnBehalfReportBody = Body<typeof C.OnBehalfReportSchema>
export type MessageThreadBody = Body<typeof C.MessageThreadSchema>
export type MessageBody = Body<typeof C.MessageSchema>
export type MessagePageBody = Body<typeof C.MessagePageSchema>
export type MessageInputBody = Body<typeof C.MessageInputSchema>
export type UnreadCountBody = Body<typeof C.UnreadCountSchema>
export type NoticeBody = Body<typeof C.NoticeSchema>
export type NoticePageBody = Body<typeof C.NoticePageSchema>
export type SentNoticePageBody = Body<typeof C.SentNoticePageSchema>
export type NoticeInputBody = Body<typeof C.NoticeInputSchema>
export type NoticeReceiptsBody = Body<typeof C.NoticeReceiptsSchema>
export type DashboardQueryBody = Body<typeof C.DashboardQuerySchema>
export type DashboardStatsBody = Body<typeof C.DashboardStatsSchema>
// issue 10: communities, households, invitations, people, my profile, the admin screens
export type CommunityBody = Body<typeof C.CommunitySchema>
export type CommunitySummaryBody = Body<typeof C.CommunitySummarySchema>
export type CommunitySearchQueryBody = Body<typeof C.CommunitySearchQuerySchema>
export type JoinCommunityBody = Body<typeof C.JoinCommunitySchema>
export type JoinCodeBody = Body<typeof C.JoinCodeSchema>
export type UserBody = Body<typeof C.UserSchema>
export type HouseholdBody = Body<typeof C.HouseholdSchema>
export type HouseholdOrNoneBody = Body<typeof C.HouseholdOrNoneSchema>
export type HouseholdClaimBody = Body<typeof C.HouseholdClaimSchema>
export type MyHomeBody = Body<typeof C.MyHomeSchema>
export type ClaimInputBody = Body<typeof C.ClaimInputSchema>
export type ClaimQueryBody = Body<typeof C.ClaimQuerySchema>
export type ClaimPageBody = Body<typeof C.ClaimPageSchema>
export type ReasonBody = Body<typeof C.ReasonSchema>
export type UserIdBody = Body<typeof C.UserIdSchema>
export type InviteBody = Body<typeof C.InviteSchema>
export type InviteInputBody = Body<typeof C.InviteInputSchema>
export type QrCodeBody = Body<typeof C.QrCodeSchema>
export type RedeemInviteBody = Body<typeof C.RedeemInviteSchema>
export type MemberBody = Body<typeof C.MemberSchema>
export type RevokeRoleBody = Body<typeof C.RevokeRoleSchema>
export type ProfileBody = Body<typeof C.ProfileSchema>
export type ProfileUpdateBody = Body<typeof C.ProfileUpdateSchema>
export type PersonalDataExportBody = Body<typeof C.PersonalDataExportSchema>
export type StructureInputBody = Body<typeof C.StructureInputSchema>
export type StructureCountsBody = Body<typeof C.StructureCountsSchema>
// issue 11: conventions and consultation
export type ConsultationOverviewBody = Body<typeof C.ConsultationOverviewSchema>
export type ConsultationSettingsBody = Body<typeof C.ConsultationSettingsSchema>
export type SettingsInputBody = Body<typeof C.SettingsInputSchema>
export type ConventionBody = Body<typeof C.ConventionSchema>
export type ConventionListBody = Body<typeof C.ConventionListSchema>
export type ConventionVersionBody = Body<typeof C.ConventionVersionSchema>
export type ArticleChangeListBody = Body<typeof C.ArticleChangeListSchema>
export type AcknowledgementSheetBody = Body<typeof C.AcknowledgementSheetSchema>
export type ArticleInputBody = Body<typeof C.ArticleInputSchema>
export type ConventionInputBody = Body<typeof C.ConventionInputSchema>
export type ConventionDraftInputBody = Body<typeof C.ConventionDraftInputSchema>
export type PublishDraftInputBody = Body<typeof C.PublishDraftInputSchema>
export type DiffQueryBody = Body<typeof C.DiffQuerySchema>
export type ProposalSummaryBody = Body<typeof C.ProposalSummarySchema>
export type ProposalSummaryListBody = Body<typeof C.ProposalSummaryListSchema>
export type ProposalPageBody = Body<typeof C.ProposalPageSchema>
export type ProposalBody = Body<typeof C.ProposalSchema>
export type ProposalInputBody = Body<typeof C.ProposalInputSchema>
export type ProposalQueryBody = Body<typeof C.ProposalQuerySchema>
export type SimilarQueryBody = Body<typeof C.SimilarQuerySchema>
export type ProposalAnswerInputBody = Body<typeof C.ProposalAnswerInputSchema>
export type MinutesInputBody = Body<typeof C.MinutesInputSchema>
export type ProgressInputBody = Body<typeof C.ProgressInputSchema>
export type ContributionBody = Body<typeof C.ContributionSchema>
export type DiscussionPageBody = Body<typeof C.DiscussionPageSchema>
export type DiscussionQueryBody = Body<typeof C.DiscussionQuerySchema>
export type ContributionInputBody = Body<typeof C.ContributionInputSchema>
export type VoteBody = Body<typeof C.VoteSchema>
export type VotePageBody = Body<typeof C.VotePageSchema>
export type VoteRollBody = Body<typeof C.VoteRollSchema>
export type VoteInputBody = Body<typeof C.VoteInputSchema>
export type BallotInputBody = Body<typeof C.BallotInputSchema>
export type PaperBallotInputBody = Body<typeof C.PaperBallotInputSchema>
export type DisclosureSummaryBody = Body<typeof C.DisclosureSummarySchema>
export type DisclosurePageBody = Body<typeof C.DisclosurePageSchema>
export type DisclosureBody = Body<typeof C.DisclosureSchema>
export type DisclosureInputBody = Body<typeof C.DisclosureInputSchema>
export type DisclosureQueryBody = Body<typeof C.DisclosureQuerySchema>
// issue 12: service booking
export type ServiceBody = Body<typeof C.ServiceSchema>
export type ServiceListBody = Body<typeof C.ServiceListSchema>
export type SlotDayListBody = Body<typeof C.SlotDayListSchema>
export type BookingBody = Body<typeof C.BookingSchema>
export type BookingPageBody = Body<typeof C.BookingPageSchema>
export type MyBookingsBody = Body<typeof C.MyBookingsSchema>
export type ServiceDayBody = Body<typeof C.ServiceDaySchema>
export type ServiceQueryBody = Body<typeof C.ServiceQuerySchema>
export type ServiceInputBody = Body<typeof C.ServiceInputSchema>
export type SlotQueryBody = Body<typeof C.SlotQuerySchema>
export type BookingInputBody = Body<typeof C.BookingInputSchema>
export type RescheduleInputBody = Body<typeof C.RescheduleInputSchema>
export type CheckInInputBody = Body<typeof C.CheckInInputSchema>
export type BookingRatingInputBody = Body<typeof C.BookingRatingInputSchema>
export type HouseholdTagsBody = Body<typeof C.HouseholdTagsSchema>
// issue 13: content security
export type ModerationItemBody = Body<typeof C.ModerationItemSchema>
export type ModerationPageBody = Body<typeof C.ModerationPageSchema>
export type ModerationRejectInputBody = Body<typeof C.ModerationRejectInputSchema>
export type AuditPageBody = Body<typeof C.AuditPageSchema>
export type AuditQueryBody = Body<typeof C.AuditQuerySchema>
