/**
 * The checks of the 2xx bodies the endpoints answer with: shallow (the fields a screen cannot do
 * without), since the server validates its own answers against the contract. A body that fails its
 * check is reported as `server` (./policy.ts `unexpectedBody`).
 */
import type {
  AcknowledgementSheetBody,
  BookingBody,
  BookingPageBody,
  BookingHouseholdBody,
  HouseholdTagsBody,
  MyBookingsBody,
  ServiceBody,
  ServiceDayBody,
  ServiceListBody,
  SlotDayListBody,
  ArticleChangeListBody,
  ConsultationOverviewBody,
  ConsultationSettingsBody,
  ContributionBody,
  ConventionBody,
  ConventionListBody,
  ConventionVersionBody,
  DisclosureBody,
  DisclosurePageBody,
  DiscussionPageBody,
  ProposalBody,
  ProposalPageBody,
  ProposalSummaryListBody,
  VoteBody,
  VotePageBody,
  VoteRollBody,
  ClaimPageBody,
  CommunityBody,
  CommunitySummaryBody,
  DashboardStatsBody,
  DemoAccountBody,
  DirectoryBody,
  HouseholdBody,
  HouseholdClaimBody,
  HouseholdOrNoneBody,
  InviteBody,
  JoinCodeBody,
  MemberBody,
  MyHomeBody,
  PersonalDataExportBody,
  ProfileBody,
  QrCodeBody,
  StructureCountsBody,
  StructureInputBody,
  UserBody,
  MessageBody,
  MessagePageBody,
  MessageThreadBody,
  NoticeBody,
  NoticePageBody,
  NoticeReceiptsBody,
  PhotoBody,
  ReplyTemplateBody,
  ReportBody,
  ReportDetailBody,
  ReporterPhoneBody,
  ReportPageBody,
  ReportSummaryBody,
  SentNoticePageBody,
  SessionBody,
  UnreadCountBody,
  ModerationItemBody,
  ModerationPageBody,
  AuditPageBody,
} from './contract-types'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function has(value: unknown, key: string, type: 'string' | 'object' | 'array'): boolean {
  if (!isObject(value)) return false
  const field = value[key]
  return type === 'array' ? Array.isArray(field) : type === 'object' ? isObject(field) : typeof field === 'string'
}

/** A check that vouches for the body type `T` once it passes. */
const shape =
  <T>(check: (data: unknown) => boolean) =>
  (data: unknown): data is T =>
    check(data)

/** An answer whose body nobody reads (204). */
export const nothing = shape<unknown>(() => true)
export const session = shape<SessionBody>((d) => has(d, 'token', 'string') && has(d, 'user', 'object') && has(d, 'expiresAt', 'string'))
export const demoAccounts = shape<DemoAccountBody[]>(Array.isArray)
export const directory = shape<DirectoryBody>((d) => has(d, 'community', 'object') && has(d, 'categories', 'array') && has(d, 'grids', 'array'))
export const photo = shape<PhotoBody>((d) => has(d, 'id', 'string') && has(d, 'url', 'string'))
export const report = shape<ReportBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'photos', 'array'))
export const summary = shape<ReportSummaryBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string'))
export const detail = shape<ReportDetailBody>((d) => has(d, 'report', 'object') && has(d, 'timeline', 'array') && has(d, 'allowedActions', 'array'))
export const reporterPhone = shape<ReporterPhoneBody>((d) => has(d, 'phone', 'string') && has(d, 'name', 'string'))
const page = (d: unknown) => has(d, 'items', 'array')
export const reportPage = shape<ReportPageBody>(page)
export const replyTemplates = shape<ReplyTemplateBody[]>(Array.isArray)
export const threads = shape<MessageThreadBody[]>(Array.isArray)
export const messagePage = shape<MessagePageBody>(page)
export const message = shape<MessageBody>((d) => has(d, 'id', 'string') && has(d, 'threadId', 'string') && has(d, 'body', 'string'))
export const noticePage = shape<NoticePageBody>(page)
export const sentNoticePage = shape<SentNoticePageBody>(page)
export const notice = shape<NoticeBody>(
  (d) => has(d, 'id', 'string') && has(d, 'title', 'string') && has(d, 'scope', 'object') && typeof (d as { read?: unknown }).read === 'boolean',
)
export const receipts = shape<NoticeReceiptsBody>((d) => has(d, 'noticeId', 'string') && has(d, 'unreadHouseholds', 'array'))
export const count = shape<UnreadCountBody>((d) => isObject(d) && Number.isInteger(d.count) && (d.count as number) >= 0)
export const dashboard = shape<DashboardStatsBody>(
  (d) => has(d, 'byStatus', 'object') && has(d, 'daily', 'array') && typeof (d as { received?: unknown }).received === 'number',
)

// ── issue 10 ─────────────────────────────────────────────────────────────────────────────────────

export const user = shape<UserBody>((d) => has(d, 'id', 'string') && has(d, 'roles', 'array') && has(d, 'gridIds', 'array'))
export const communitySummary = shape<CommunitySummaryBody>((d) => has(d, 'id', 'string') && has(d, 'name', 'string'))
export const communitySummaries = shape<CommunitySummaryBody[]>(Array.isArray)
export const communities = shape<CommunityBody[]>(Array.isArray)
export const joinCode = shape<JoinCodeBody>((d) => has(d, 'code', 'string') && has(d, 'community', 'object'))
const isHousehold = (d: unknown) => has(d, 'buildingId', 'string') && has(d, 'room', 'string') && has(d, 'members', 'array')
export const household = shape<HouseholdBody>(isHousehold)
export const householdOrNone = shape<HouseholdOrNoneBody>((d) => d === null || isHousehold(d))
export const claim = shape<HouseholdClaimBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'buildingId', 'string'))
export const claimPage = shape<ClaimPageBody>(page)
export const myHome = shape<MyHomeBody>((d) => has(d, 'claims', 'array'))
export const invite = shape<InviteBody>((d) => has(d, 'id', 'string') && has(d, 'code', 'string') && has(d, 'status', 'string'))
export const invites = shape<InviteBody[]>(Array.isArray)
export const qrCode = shape<QrCodeBody>((d) => has(d, 'dataUrl', 'string'))
export const members = shape<MemberBody[]>(Array.isArray)
export const profile = shape<ProfileBody>((d) => has(d, 'user', 'object') && has(d, 'claims', 'array'))
export const personalData = shape<PersonalDataExportBody>((d) => has(d, 'person', 'object') && has(d, 'reports', 'array') && has(d, 'exportedAt', 'string'))
export const structure = shape<StructureInputBody>((d) => has(d, 'community', 'object') && has(d, 'grids', 'array') && has(d, 'buildings', 'array'))
export const structureCounts = shape<StructureCountsBody>((d) => has(d, 'grids', 'object') && has(d, 'buildings', 'object'))

// ── issue 11: conventions and consultation ──────────────────────────────────────────────────────

const isInteger = (d: unknown, key: string) => isObject(d) && Number.isInteger(d[key])
export const overview = shape<ConsultationOverviewBody>(
  (d) => has(d, 'votesToCast', 'array') && has(d, 'conventionsToAcknowledge', 'array') && has(d, 'nearThreshold', 'array'),
)
export const settings = shape<ConsultationSettingsBody>((d) => has(d, 'communityId', 'string') && isInteger(d, 'proposalThreshold') && isInteger(d, 'proposalWindowDays'))
const isConvention = (d: unknown) => has(d, 'id', 'string') && has(d, 'kind', 'string') && has(d, 'versions', 'array') && has(d, 'buildingIds', 'array')
export const convention = shape<ConventionBody>(isConvention)
export const conventions = shape<ConventionListBody>(Array.isArray)
export const conventionVersion = shape<ConventionVersionBody>((d) => isInteger(d, 'version') && has(d, 'status', 'string') && has(d, 'articles', 'array'))
export const articleChanges = shape<ArticleChangeListBody>(Array.isArray)
export const acknowledgementSheet = shape<AcknowledgementSheetBody>((d) => has(d, 'conventionId', 'string') && isInteger(d, 'version') && has(d, 'rows', 'array'))
export const proposalPage = shape<ProposalPageBody>(page)
export const proposalSummaries = shape<ProposalSummaryListBody>(Array.isArray)
export const proposal = shape<ProposalBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'photos', 'array') && has(d, 'minutes', 'array'))
export const discussionPage = shape<DiscussionPageBody>((d) => page(d) && has(d, 'stances', 'object'))
export const contribution = shape<ContributionBody>((d) => has(d, 'id', 'string') && has(d, 'subject', 'object') && has(d, 'body', 'string'))
export const votePage = shape<VotePageBody>(page)
export const vote = shape<VoteBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'options', 'array') && has(d, 'myHousehold', 'object'))
export const voteRoll = shape<VoteRollBody>((d) => has(d, 'voteId', 'string') && has(d, 'rows', 'array'))
export const disclosurePage = shape<DisclosurePageBody>(page)
export const disclosure = shape<DisclosureBody>((d) => has(d, 'id', 'string') && has(d, 'category', 'string') && has(d, 'period', 'object') && has(d, 'photos', 'array'))

// ── issue 12: service booking ───────────────────────────────────────────────────────────────────

export const service = shape<ServiceBody>((d) => has(d, 'id', 'string') && has(d, 'kind', 'string') && has(d, 'rules', 'object') && has(d, 'hours', 'array'))
export const services = shape<ServiceListBody>(Array.isArray)
export const slotDays = shape<SlotDayListBody>(Array.isArray)
export const booking = shape<BookingBody>((d) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'service', 'object') && has(d, 'can', 'object'))
export const bookingPage = shape<BookingPageBody>(page)
export const myBookings = shape<MyBookingsBody>((d) => has(d, 'upcoming', 'array'))
export const serviceDay = shape<ServiceDayBody>((d) => has(d, 'service', 'object') && has(d, 'date', 'string') && has(d, 'slots', 'array'))
export const bookingHousehold = shape<BookingHouseholdBody>((d) => has(d, 'buildingId', 'string') && has(d, 'room', 'string') && has(d, 'members', 'array') && has(d, 'tags', 'array'))
/** A file answer (an export): its name and bytes. */
export const file = shape<{ fileName: string; bytes: Uint8Array }>((d) => isObject(d) && typeof d.fileName === 'string' && d.bytes instanceof Uint8Array)
export const householdTags = shape<HouseholdTagsBody>((d) => has(d, 'buildingId', 'string') && has(d, 'room', 'string') && has(d, 'tags', 'array'))

// ── issue 13: content security ──────────────────────────────────────────────────────────────────

export const moderationItem = shape<ModerationItemBody>((d) => has(d, 'id', 'string') && has(d, 'kind', 'string') && has(d, 'subject', 'object') && has(d, 'status', 'string'))
export const moderationPage = shape<ModerationPageBody>(page)
export const auditPage = shape<AuditPageBody>(page)
