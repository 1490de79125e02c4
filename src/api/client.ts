import type {
  AuditQuery,
  ModerationQuery,
  ContributionInput,
  ConventionDraftInput,
  ConventionInput,
  DisclosureInput,
  DisclosureQuery,
  MinutesInput,
  PaperBallotInput,
  ProgressInput,
  ProposalAnswerInput,
  ProposalInput,
  ProposalQuery,
  VoteInput,
  AssignInput,
  BookingExportQuery,
  BookingInput,
  BookingRatingInput,
  CancelInput,
  CheckInInput,
  HouseholdTagsInput,
  RescheduleInput,
  ServiceInput,
  SlotQuery,
  InboxQuery,
  LocalPhoto,
  MergeInput,
  NewReportInput,
  NoteInput,
  NoticeInput,
  PhoneRevealInput,
  PageQuery,
  RatingInput,
  RejectInput,
  ServiceQuery,
  TimeRange,
  TransferInput,
} from '../../types/api'
import type {
  AuditEvent,
  ModerationItem,
  AcknowledgementSheet,
  ArticleChange,
  ConsultationOverview,
  ConsultationSettings,
  Contribution,
  ConventionVersion,
  DiscussionSubject,
  DisclosureSummary,
  ProposalSummary,
  StanceCounts,
  VoteRoll,
  Booking,
  BookingHousehold,
  MyBookings,
  ServiceDay,
  SlotDay,
  ClaimStatus,
  Community,
  CommunitySummary,
  Convention,
  DashboardStats,
  DemoAccount,
  Disclosure,
  Household,
  HouseholdClaim,
  Id,
  Invite,
  InvitedRole,
  Member,
  Message,
  MessageThread,
  Notice,
  NoticeReceipts,
  PersonalDataExport,
  Profile,
  Role,
  SentNotice,
  Page,
  Photo,
  Proposal,
  Report,
  ReportDetail,
  ReportQuestion,
  ReporterPhone,
  ReportSummary,
  Service,
  Session,
  User,
  Vote,
} from '../../types/domain'
import type { StructureCounts } from '../core/services/structure'
import type { StructureInput } from '../domain/structure'
import type { Capabilities } from './capabilities'

/**
 * The ApiClient port: the only way the app talks to a backend, in the domain's words.
 * Grouped by capability (like Octokit's `rest.issues.*`) so each store sees one narrow part.
 * Every method rejects with an `ApiError`.
 */
export interface ApiClient {
  /** Which adapter this is, for diagnostics only; screens use `capabilities`. */
  readonly mode: 'memory' | 'http' | 'open311'
  readonly capabilities: Capabilities
  readonly session: SessionApi
  readonly directory: DirectoryApi
  readonly media: MediaApi
  readonly reports: ReportsApi
  readonly handling: HandlingApi
  readonly messages: MessagesApi
  readonly notices: NoticesApi
  readonly conventions: ConventionsApi
  readonly services: ServicesApi
  readonly dashboard: DashboardApi
  readonly communities: CommunitiesApi
  readonly households: HouseholdsApi
  readonly invites: InvitesApi
  readonly people: PeopleApi
  readonly profile: ProfileApi
  readonly admin: AdminApi
  /** The moderation queue (capability `moderation`). */
  readonly moderation: ModerationApi
  /** The audit log (capability `audit`). */
  readonly audit: AuditApi
}

export interface SessionApi {
  /** Accounts offered on the sign-in screen of a demo backend (capability `demoSignIn`). */
  listDemoAccounts(): Promise<DemoAccount[]>
  signInDemo(userId: Id): Promise<Session>
  /**
   * A `wx.login` code, or (`via: 'web'`) a code from WeChat web authorization in the H5 app; the
   * backend exchanges it (capability `wechatSignIn`).
   */
  signInWithWeChat(code: string, via?: 'miniprogram' | 'web'): Promise<Session>
  /** The persisted session, if still valid. */
  current(): Promise<Session | null>
  signOut(): Promise<void>
}

import type { CommunityDirectory } from '../../types/domain'

export type { CommunityDirectory }

export interface DirectoryApi {
  getCommunity(): Promise<CommunityDirectory>
}

export interface MediaApi {
  /** Upload a photo taken on the device; the returned id goes into a report or a handling step. */
  uploadPhoto(photo: LocalPhoto): Promise<Photo>
}

export interface SubmitOptions {
  /** Same key + same body → the original report; same key + another body → validation error. */
  idempotencyKey: string
}

export interface ReportsApi {
  submit(input: NewReportInput, options: SubmitOptions): Promise<Report>
  /** The signed-in user's reports, newest first. */
  listMine(query?: PageQuery): Promise<Page<ReportSummary>>
  get(id: Id): Promise<ReportDetail>
  rate(id: Id, input: RatingInput): Promise<ReportDetail>
  /** 附议: add my voice to an existing report instead of filing a duplicate. */
  meToo(id: Id): Promise<ReportSummary>
  /** Public, anonymised open reports of my community (for "me too"). */
  listPublic(query?: PageQuery & { categoryId?: Id }): Promise<Page<ReportSummary>>
  /**
   * The extra questions of a category's report form, in order (a category with `hasQuestions`);
   * Linli's own categories ask none. Their answers go into `NewReportInput.answers`.
   */
  questions(categoryId: Id): Promise<ReportQuestion[]>
}

export interface HandlingApi {
  /** Reports of my community (staff) or my grids (grid worker), most urgent first. */
  listInbox(query?: InboxQuery): Promise<Page<ReportSummary>>
  accept(id: Id, input?: NoteInput): Promise<ReportDetail>
  reject(id: Id, input: RejectInput): Promise<ReportDetail>
  assign(id: Id, input: AssignInput): Promise<ReportDetail>
  transfer(id: Id, input: TransferInput): Promise<ReportDetail>
  progress(id: Id, input: NoteInput): Promise<ReportDetail>
  resolve(id: Id, input: NoteInput): Promise<ReportDetail>
  merge(id: Id, input: MergeInput): Promise<ReportDetail>
  escalate(id: Id, input: NoteInput): Promise<ReportDetail>
  close(id: Id, input?: NoteInput): Promise<ReportDetail>
  /**
   * The full number of whom to call about a report (the detail's `contact`, unmasked), for its
   * handlers only; fetched at the moment of calling, never kept. The handler says why (`input.reason`,
   * src/domain/phone-reveal.ts; 422 without one) and every answer is recorded in the audit log
   * (`phone.reveal`).
   */
  reporterPhone(id: Id, input: PhoneRevealInput): Promise<ReporterPhone>
  /** 代报: file for a neighbour who cannot. */
  submitOnBehalf(input: NewReportInput, options: SubmitOptions): Promise<Report>
  listReplyTemplates(): Promise<Array<{ id: Id; title: string; text: string }>>
}

export interface MessagesApi {
  listThreads(): Promise<MessageThread[]>
  listMessages(threadId: Id, query?: PageQuery): Promise<Page<Message>>
  /** Post to a thread; `{ reportId }` opens the report's thread if needed, `general` asks the community. */
  send(to: { threadId: Id } | { reportId: Id } | 'general', body: string): Promise<Message>
  markRead(threadId: Id): Promise<void>
  unreadCount(): Promise<number>
}

export interface NoticesApi {
  list(query?: PageQuery): Promise<Page<Notice>>
  /** 我发的通知: what I published, newest first, each with "已读 x / y 户". */
  listSent(query?: PageQuery): Promise<Page<SentNotice>>
  get(id: Id): Promise<Notice>
  publish(input: NoticeInput): Promise<Notice>
  markRead(id: Id): Promise<void>
  receipts(id: Id): Promise<NoticeReceipts>
  unreadCount(): Promise<number>
}

/** A conversation's page, with the stances of its visible top-level contributions. */
export type DiscussionPage = Page<Contribution> & { stances: StanceCounts }

/**
 * Conventions and consultation (issue 11): 社区公约 with versions and 承诺遵守; 民事民提 (proposals
 * and 附议), 民事民议 (discussions, minutes), 民事民决 (one ballot per household, paper ballots,
 * quorum, 公示), 民事民评 (progress and ratings); 村务公开. Writes that create take an idempotency
 * key (a retry answers the first result); cosign, acknowledge and cast answer the same when repeated.
 */
export interface ConventionsApi {
  /** What waits for my household: votes to cast, conventions to acknowledge, proposals near their threshold. */
  overview(): Promise<ConsultationOverview>
  settings(): Promise<ConsultationSettings>
  /** Staff: how many co-signing households put a proposal on the agenda, within how many days. */
  updateSettings(input: { proposalThreshold: number; proposalWindowDays: number }): Promise<ConsultationSettings>

  /** Conventions of my community that I may read (a 微公约: its buildings' people, leaders, staff). */
  list(): Promise<Convention[]>
  get(id: Id): Promise<Convention>
  /** One version with its articles (drafts: staff only). */
  getVersion(id: Id, version: number): Promise<ConventionVersion>
  /** 修订记录: what changed from version `from` to version `to`, article by article. */
  diff(id: Id, from: number, to: number): Promise<ArticleChange[]>
  create(input: ConventionInput, options: SubmitOptions): Promise<Convention>
  /** Staff: write (or rewrite) the next version as a draft. */
  saveDraft(id: Id, input: ConventionDraftInput): Promise<Convention>
  /** Staff: publish the draft without a vote (adopted at a residents' meeting), effective from then. */
  publishDraft(id: Id, input: { effectiveFrom?: string }): Promise<Convention>
  /** 承诺遵守: my household acknowledges the version in force. */
  acknowledge(id: Id): Promise<Convention>
  /** Which households acknowledged: a leader sees their buildings, staff the community. */
  acknowledgements(id: Id): Promise<AcknowledgementSheet>

  listProposals(query?: ProposalQuery): Promise<Page<ProposalSummary>>
  /** Open proposals like what I am about to write (at most 5), to co-sign instead of repeating. */
  similarProposals(text: string): Promise<ProposalSummary[]>
  getProposal(id: Id): Promise<Proposal>
  propose(input: ProposalInput, options: SubmitOptions): Promise<Proposal>
  /** 附议: my household co-signs. */
  cosign(id: Id): Promise<Proposal>
  /** Staff: 列入议程 / 不予采纳 / 合并. */
  answer(id: Id, input: ProposalAnswerInput): Promise<Proposal>
  /** Staff: 议事会纪要. */
  addMinutes(id: Id, input: MinutesInput, options: SubmitOptions): Promise<Proposal>
  /** Staff: progress of an adopted decision; 100 % marks it done. */
  addProgress(id: Id, input: ProgressInput, options: SubmitOptions): Promise<Proposal>
  /** My household rates a done decision (once; a later rating by the household replaces nothing). */
  rate(id: Id, input: RatingInput): Promise<Proposal>

  listContributions(subject: DiscussionSubject, query?: PageQuery): Promise<DiscussionPage>
  contribute(subject: DiscussionSubject, input: ContributionInput, options: SubmitOptions): Promise<Contribution>
  /** Staff: hide with a reason (shown as hidden, never removed). */
  hideContribution(id: Id, reason: string): Promise<Contribution>

  /** Votes of my community I may see, newest first. */
  listVotes(query?: PageQuery): Promise<Page<Vote>>
  getVote(id: Id): Promise<Vote>
  openVote(input: VoteInput, options: SubmitOptions): Promise<Vote>
  /** My household's ballot (the first one counts; repeated by the same person: the vote as it is). */
  castBallot(voteId: Id, optionId: Id): Promise<Vote>
  /** Staff: a paper ballot handed in by a household. */
  enterPaperBallot(voteId: Id, input: PaperBallotInput): Promise<Vote>
  /** Who voted (never how): staff, and leaders for their buildings. */
  voteRoll(voteId: Id): Promise<VoteRoll>
  /** Staff, after it closed: publish the result for its 公示 period. */
  publishResult(voteId: Id): Promise<Vote>

  listDisclosures(query?: DisclosureQuery): Promise<Page<DisclosureSummary>>
  getDisclosure(id: Id): Promise<Disclosure>
  markDisclosureRead(id: Id): Promise<void>
  publishDisclosure(input: DisclosureInput, options: SubmitOptions): Promise<Disclosure>
}

/**
 * Service booking (issue 12): the catalogue, slots with seats left, booking with its rules, the
 * waitlist, check-in, and the staff's day. Booking is keyed (a retry never books twice).
 */
export interface ServicesApi {
  /** Published services of my community (staff with `all`: drafts and retired too), each with my household's eligibility. */
  list(query?: ServiceQuery): Promise<Service[]>
  get(serviceId: Id): Promise<Service>
  /** The service's days from `from` to `to` (Beijing dates), each with its slots and seats left. */
  listSlots(serviceId: Id, query: SlotQuery): Promise<SlotDay[]>
  /** Book a slot for my household (staff: `forUserId`, 代约); a full slot with `waitlist` joins its waitlist. */
  book(input: BookingInput, options: SubmitOptions): Promise<Booking>
  booking(bookingId: Id): Promise<Booking>
  /** My coming bookings and my household's pause. */
  mine(): Promise<MyBookings>
  /** My past bookings, newest first. */
  listPast(query?: PageQuery): Promise<Page<Booking>>
  cancel(bookingId: Id, input: CancelInput): Promise<Booking>
  /** Move to another slot of the same service: the old seat is freed and the new one taken in one step. */
  reschedule(bookingId: Id, input: RescheduleInput): Promise<Booking>
  rate(bookingId: Id, input: BookingRatingInput): Promise<Booking>

  /** Staff: publish a service, or change one. */
  create(input: ServiceInput, options: SubmitOptions): Promise<Service>
  update(serviceId: Id, input: ServiceInput): Promise<Service>
  /** Staff: a service's day, slot by slot with its bookings. */
  day(serviceId: Id, date: string): Promise<ServiceDay>
  /** Staff: bookings waiting to be confirmed, soonest first. */
  listPending(query?: PageQuery): Promise<Page<Booking>>
  confirm(bookingId: Id): Promise<Booking>
  reject(bookingId: Id, input: CancelInput): Promise<Booking>
  /** Staff: check a booking in by its code (typed, or the scanned QR text). */
  checkIn(input: CheckInInput): Promise<Booking>
  complete(bookingId: Id): Promise<Booking>
  markNoShow(bookingId: Id): Promise<Booking>
  /** Staff: a household of the community with its verified members (whom to book for, 代约) and its tags. */
  household(buildingId: Id, room: string): Promise<BookingHousehold>
  /** Staff: tag a household (高龄 / 残疾 / 低保) for services only some may book. */
  setHouseholdTags(input: HouseholdTagsInput): Promise<HouseholdTagsInput>
  /** Staff: a day's or a month's bookings as a workbook (.xlsx bytes); absent where the backend cannot make one. */
  exportBookings?(query: BookingExportQuery): Promise<{ fileName: string; bytes: Uint8Array }>
}

export interface DashboardApi {
  /** Staff: their community; a street officer names one of their street's communities. */
  get(range: TimeRange, communityId?: Id): Promise<DashboardStats>
}

/** Finding and joining a community (a newly signed-in person), and a street's communities. */
export interface CommunitiesApi {
  /** Communities whose name or street holds every word of `query` (at most 20). */
  search(query: string): Promise<CommunitySummary[]>
  /** The community of a code (社区码), typed or scanned. */
  byCode(code: string): Promise<CommunitySummary>
  /** Join as an unverified resident; answers the person as they are now. */
  join(communityId: Id): Promise<User>
  /** Street officers: the communities of their street. */
  listStreet(): Promise<Community[]>
  /** Staff and admins: the community's code to show or print, with its mini-program code when available. */
  joinCode(): Promise<{ code: string; community: CommunitySummary; dataUrl?: string }>
}

export interface ClaimInput {
  buildingId: Id
  room: string
  name: string
  phone: string
}

/** Households: claims, their review, members, the representative. */
export interface HouseholdsApi {
  /** My verified household (with its members) and my claims. */
  mine(): Promise<{ household?: Household; claims: HouseholdClaim[] }>
  claim(input: ClaimInput): Promise<HouseholdClaim>
  withdraw(claimId: Id): Promise<HouseholdClaim>
  /** Staff: the community's claims; a building leader: their buildings'. Oldest first; default pending. */
  listClaims(query?: PageQuery & { status?: ClaimStatus }): Promise<Page<HouseholdClaim>>
  approve(claimId: Id): Promise<HouseholdClaim>
  reject(claimId: Id, reason: string): Promise<HouseholdClaim>
  /** Move out of my household. */
  leave(): Promise<{ household?: Household; claims: HouseholdClaim[] }>
  /** Staff or the building's leader: take a member out, with a reason they will see. Answers the household as it is after (null: empty). */
  removeMember(userId: Id, reason: string): Promise<Household | null>
  setRepresentative(userId: Id): Promise<Household>
}

export interface InviteInput {
  role: InvitedRole
  gridIds: Id[]
  buildingIds: Id[]
  note: string
  expiresInHours: number
}

export interface InvitesApi {
  create(input: InviteInput): Promise<Invite>
  list(): Promise<Invite[]>
  cancel(inviteId: Id): Promise<Invite>
  /** The invite as a mini-program code (not_supported when the server cannot make one). */
  qrCode(inviteId: Id): Promise<{ dataUrl: string }>
  /** Use an invite code: answers the person with the role. */
  redeem(code: string): Promise<User>
}

export interface PeopleApi {
  /** People with roles in my community. */
  list(): Promise<Member[]>
  /** Take a role away; answers the list as it is after. */
  revokeRole(userId: Id, role: Role): Promise<Member[]>
}

export interface ProfileApi {
  get(): Promise<Profile>
  update(input: { name?: string; phone?: string }): Promise<Profile>
  /** Every record about me (PIPL art. 45). */
  exportData(): Promise<PersonalDataExport>
  /** Delete my account (PIPL art. 47; ADR 12); the session ends with it. */
  deleteAccount(): Promise<void>
}

/**
 * Content security (issue 13): texts the content check held wait here for staff or an admin of
 * their community. Approving publishes one (others see it from then on, its author is told);
 * refusing keeps it from everyone but its author, who reads the reason.
 */
export interface ModerationApi {
  /** The community's held texts, oldest first. */
  listHeld(query?: ModerationQuery): Promise<Page<ModerationItem>>
  approve(itemId: Id): Promise<ModerationItem>
  reject(itemId: Id, reason: string): Promise<ModerationItem>
}

/**
 * The audit log (issue 13): staff actions that matter to residents (report moves, hidden
 * contributions, paper ballots, moderation decisions, role changes), newest first. Staff and admins
 * read their community's; a street officer names one of the street's communities.
 */
export interface AuditApi {
  list(query?: AuditQuery): Promise<Page<AuditEvent>>
}

/** Admins: the community's structure, edited on the admin screens (the workbook import's path). */
export interface AdminApi {
  getStructure(): Promise<StructureInput>
  saveStructure(input: StructureInput): Promise<StructureCounts>
}
