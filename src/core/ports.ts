import type {
  Building,
  Category,
  ClaimStatus,
  Community,
  CommunitySummary,
  ContactRelation,
  DemoAccount,
  Department,
  Grid,
  HouseholdMember,
  Id,
  InvitedRole,
  Member,
  Message,
  Notice,
  Report,
  ReportStatus,
  ReportSummary,
  Role,
  Street,
  TimelineEvent,
  User,
} from '../../types/domain'
import type { StructurePlan, StructureUsage } from '../domain/structure'
import type { DashboardFacts, DashboardSpan } from '../domain/dashboard'
import type { InboxPosition } from '../domain/inbox'
import type { QuotaSpan } from '../domain/quotas'
import type {
  AcknowledgementRecord,
  BallotReceipt,
  ContributionRecord,
  CosignRecord,
  ProposalRecord,
  RatingRecord,
  ContributionRepository,
  ConventionRepository,
  DisclosureRepository,
  ProposalRepository,
  SettingsRepository,
  VoteRepository,
  WriteKeyRepository,
} from './consultation-ports'
import type { BookingRecord, BookingRepository, HouseholdTagRepository, JobRepository, ServiceRepository } from './booking-ports'
import type { ModerationViewer } from '../domain/moderation/rules'
import type { AuditRepository, ModerationRepository } from './moderation-ports'

export * from './consultation-ports'
export * from './booking-ports'
export * from './moderation-ports'
export type { ModerationViewer } from '../domain/moderation/rules'

/**
 * The ports of the application core: what a service needs from storage, shaped by the use cases
 * (not one generic CRUD interface), so each adapter can answer with its best query — the SQL one
 * with the tuned statements of ADR 8, the memory one with filters over arrays. Every adapter is held
 * to the same answers by the repository contract suite (test/repositories).
 *
 * Rules live in the domain; a port that filters or orders (visibility, inbox urgency) mirrors a
 * domain function named in its comment, and the service keeps the domain's word as the last one.
 */

// ── the unit of work ─────────────────────────────────────────────────────────────────────────

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  readonly directory: DirectoryRepository
  readonly users: UserRepository
  readonly sessions: SessionRepository
  readonly photos: PhotoRepository
  readonly reports: ReportRepository
  readonly messages: MessageRepository
  readonly notices: NoticeRepository
  readonly claims: ClaimRepository
  readonly invites: InviteRepository
  readonly privacy: PrivacyRepository
  readonly settings: SettingsRepository
  readonly writeKeys: WriteKeyRepository
  readonly conventions: ConventionRepository
  readonly proposals: ProposalRepository
  readonly contributions: ContributionRepository
  readonly votes: VoteRepository
  readonly disclosures: DisclosureRepository
  readonly services: ServiceRepository
  readonly householdTags: HouseholdTagRepository
  readonly bookings: BookingRepository
  readonly jobs: JobRepository
  readonly moderation: ModerationRepository
  readonly audit: AuditRepository
  readonly usage: UsageRepository
}

/**
 * The repositories outside any transaction (each call on its own), and `transaction(work)`: every
 * call on `tx` inside `work` commits together when it resolves and not at all when it throws. Inside
 * `work` use `tx` only — an adapter with one connection (PGlite, the memory mutex) waits forever for
 * a call on the outer repositories.
 */
export interface Store extends Repositories {
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>
}

// ── directory ────────────────────────────────────────────────────────────────────────────────

export interface ReplyTemplate {
  id: Id
  title: string
  text: string
}

/** A person as the community's set-up knows them (the demo seed's users; later the import's). */
export interface PersonRecord {
  id: Id
  name: string
  phone: string
  roles: Role[]
  home?: { buildingId: Id; room: string }
  gridIds: Id[]
  leadsBuildingIds: Id[]
  /** Shown on the demo sign-in screen; a person with one is a demo account. */
  description?: string
  /**
   * Set up with the community but not in it: a newcomer's demo account (no community yet), or a
   * street officer (`streetId`).
   */
  outside?: boolean
  streetId?: Id
}

/** A community's whole structure, loaded at once (test worlds; the import goes through `saveStructure`). */
export interface CommunitySetup {
  community: Community
  street: Street
  /** The community's code (社区码, 6 characters). */
  joinCode: string
  /** The prefix of its report numbers (`YY` → YY-20261121-0007). */
  reportPrefix: string
  grids: Grid[]
  buildings: Building[]
  departments: Department[]
  categories: Category[]
  replyTemplates: ReplyTemplate[]
  people: PersonRecord[]
}

export interface DirectoryRepository {
  /**
   * Create a community with everything in it, unless it exists: answers false (and writes nothing)
   * when it does. Two writers racing on one empty store: exactly one answers true.
   */
  createCommunity(setup: CommunitySetup, at: string): Promise<boolean>
  findCommunity(id: Id): Promise<Community | null>
  /** A community's record as the import knows it (its code and report prefix), by id. */
  findCommunityRecord(id: Id): Promise<CommunityRecord | null>
  /** The community of that name in that street (district + street name), as the import matches it. */
  findCommunityByName(district: string, streetName: string, name: string): Promise<CommunityRecord | null>
  /** The community whose code (社区码) this is, case-insensitive. */
  findCommunityByCode(code: string): Promise<CommunitySummary | null>
  /** The community using a report prefix, if any. */
  findCommunityByPrefix(prefix: string): Promise<Id | null>
  /**
   * Communities whose name or street contains every one of `terms` (case-insensitive), by name
   * then id, at most `limit`.
   */
  searchCommunities(terms: readonly string[], limit: number): Promise<CommunitySummary[]>
  findStreet(id: Id): Promise<Street | null>
  /** The street of that name in that district. */
  findStreetByName(district: string, name: string): Promise<Street | null>
  /** The communities of a street, by name then id. */
  listStreetCommunities(streetId: Id): Promise<Community[]>
  /**
   * Create or update a community's own record (and its street, by id): name, kind, district,
   * street, report prefix; a new one starts its report counter at 0 with `joinCode`.
   */
  saveCommunity(record: CommunityRecord, street: Street, at: string): Promise<void>
  /** What the community's records name: reports (grid, building, category, department), homes, claims and bookings (buildings, rooms). */
  structureUsage(communityId: Id): Promise<StructureUsage>
  /**
   * Write a community's structure as planned (`planStructure`): every target row inserted or
   * updated by id (positions in the target's order), every removed id deleted.
   */
  saveStructure(communityId: Id, plan: Pick<StructurePlan, 'target' | 'removed'>): Promise<void>
  listGrids(communityId: Id): Promise<Grid[]>
  listBuildings(communityId: Id): Promise<Building[]>
  findBuilding(id: Id): Promise<Building | null>
  listDepartments(communityId: Id): Promise<Department[]>
  listCategories(communityId: Id): Promise<Category[]>
  listReplyTemplates(communityId: Id): Promise<ReplyTemplate[]>
}

/** A community as the import and the set-up know it. */
export interface CommunityRecord extends Community {
  reportPrefix: string
  joinCode: string
}

// ── people and sessions ──────────────────────────────────────────────────────────────────────

export interface Home {
  buildingId: Id
  room: string
}

export interface UserRepository {
  find(id: Id): Promise<User | null>
  /** A demo account (a person with a description) by id. */
  findDemo(id: Id): Promise<User | null>
  /** Demo accounts in the order they were set up. */
  listDemoAccounts(): Promise<DemoAccount[]>
  /**
   * The user behind a WeChat openid, created on first sign-in as a resident with no community (a
   * deleted account's openid is gone: signing in again starts afresh).
   */
  upsertWeChatUser(input: { id: Id; openid: string; name: string; at: string }): Promise<User>
  /** Put a person into a community (as an unverified resident) or take them out of it (null). */
  setCommunity(userId: Id, communityId: Id | null): Promise<void>
  /**
   * Give a role with its scope: adds the role (once), adds the grids/buildings to what they serve
   * or lead, and puts the person into `communityId` when they have none.
   */
  grantRole(userId: Id, grant: { role: Role; communityId: Id; gridIds: readonly Id[]; buildingIds: readonly Id[] }): Promise<void>
  /** Make a person an officer of a street (street_staff, the role once; their street set). */
  grantStreet(userId: Id, streetId: Id): Promise<void>
  /** Take a role away, with its scope (grid_worker: the grids; building_leader: the buildings led; street_staff: the street). */
  revokeRole(userId: Id, role: Role): Promise<void>
  /**
   * Make a person a verified member of a household (their name and phone as they claimed them), or
   * take them out of theirs (`home` null: also no longer its representative).
   */
  setHome(userId: Id, home: Home | null, at: string, contact?: { name: string; phone: string }): Promise<void>
  /** Change the name and/or phone a person goes by. */
  updateContact(userId: Id, contact: { name?: string; phone?: string }): Promise<void>
  /** The person's full phone number as stored ('' when none). */
  findPhone(userId: Id): Promise<string | null>
  /** The verified members of a household in the order they joined (home_since, id). */
  listHousehold(communityId: Id, home: Home): Promise<HouseholdMember[]>
  /**
   * Hold a household until the transaction ends (inside `transaction` only): two changes of one
   * household's members (two approvals into an empty room) serialise, so the second sees the first.
   */
  lockHousehold(communityId: Id, home: Home): Promise<void>
  /** Make `userId` the household's representative (户代表), and nobody else in it; null: none. */
  setRepresentative(communityId: Id, home: Home, userId: Id | null): Promise<void>
  /**
   * People of a community who hold a role beyond resident (staff, grid workers, building
   * leaders, admins), in the order they were set up.
   */
  listMembers(communityId: Id): Promise<Member[]>
  /** The first person registered as living in a household (who a 代报 report belongs to). */
  findResidentAt(communityId: Id, household: Home): Promise<User | null>
  /** Residents of a community with a home: the households notices reach. */
  listResidents(communityId: Id): Promise<Array<{ id: Id; home: Home }>>
  /** Grid workers and staff of a community: who a report can be assigned to. */
  listHandlers(communityId: Id): Promise<User[]>
  /**
   * Who follows a report: its reporter, the residents of the household it was filed for, its
   * filer; with their WeChat openid when they have one. In the order they were set up.
   */
  findFollowers(report: Pick<Report, 'communityId' | 'reporterId' | 'filedBy' | 'beneficiary'>): Promise<Array<{ id: Id; openid?: string }>>
  /**
   * Whom to tell: these people (by id) and the verified members of these households of a community,
   * each once, with their WeChat openid when they have one; in the order they were set up.
   */
  findRecipients(query: { userIds: readonly Id[]; communityId?: Id; homes?: readonly Home[] }): Promise<Array<{ id: Id; openid?: string }>>
  /**
   * Whom a handler calls about a report, with the full number: among those with a dialable number
   * (`dialablePhone`), its reporter; else the first resident (in set-up order) of the household it
   * was filed for, in the report's community; else its filer. Null when none of them has one.
   */
  findContact(report: Pick<Report, 'communityId' | 'reporterId' | 'filedBy' | 'beneficiary'>): Promise<ContactRecord | null>
}

/** Whom to call about a report; `phone` is the number as stored (never leaves the backend unasked). */
export interface ContactRecord {
  id: Id
  name: string
  phone: string
  relation: ContactRelation
}

export interface SessionRecord {
  tokenHash: string
  userId: Id
  createdAt: string
  expiresAt: string
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>
  /** The live session for a token hash with its user; null when unknown or expired at `now`. */
  find(tokenHash: string, now: string): Promise<{ user: User; expiresAt: string } | null>
  delete(tokenHash: string): Promise<void>
  deleteExpired(now: string): Promise<void>
  /** Every session of a person (deleting an account signs it out everywhere). */
  deleteForUser(userId: Id): Promise<void>
}

// ── household claims ─────────────────────────────────────────────────────────────────────────

/** A claim as stored: the full phone, and the building's name for the reviewer's list. */
export interface ClaimRecord {
  id: Id
  communityId: Id
  userId: Id
  buildingId: Id
  buildingName: string
  room: string
  name: string
  phone: string
  status: ClaimStatus
  reason?: string
  createdAt: string
  decidedAt?: string
  decidedById?: Id
  decidedByName?: string
}

export interface ClaimReviewFilter {
  communityId: Id
  /** Staff review the whole community; a building leader the buildings they lead. */
  buildingIds: readonly Id[] | 'all'
  status: ClaimStatus
}

export interface ClaimRepository {
  /** Store a new claim; false (nothing written) when the person already has one pending. */
  insert(claim: Omit<ClaimRecord, 'buildingName'>): Promise<boolean>
  find(id: Id): Promise<ClaimRecord | null>
  /** `find`, holding the claim until the transaction ends: two reviewers of one claim serialise. */
  findForUpdate(id: Id): Promise<ClaimRecord | null>
  /** The person's claims, newest first (createdAt, id). */
  listForUser(userId: Id): Promise<ClaimRecord[]>
  /** Claims to review, oldest first (createdAt, id) — who waits longest comes first — after `cursor`. */
  listForReview(filter: ClaimReviewFilter, cursor: Keyset | null, limit: number): Promise<ClaimRecord[]>
  /**
   * Record what became of a claim: the decision on (or withdrawal of) a pending one, or the end of
   * an approved one (left, removed). `reason`, `byId` and `byName` are replaced (absent: cleared).
   */
  decide(id: Id, decision: { status: Exclude<ClaimStatus, 'pending'>; reason?: string; at: string; byId?: Id; byName?: string }): Promise<void>
}

// ── invitations ──────────────────────────────────────────────────────────────────────────────

export interface InviteRecord {
  id: Id
  communityId: Id
  code: string
  role: InvitedRole
  gridIds: Id[]
  buildingIds: Id[]
  note: string
  createdById: Id | null
  createdByName: string
  createdAt: string
  expiresAt: string
  usedById?: Id
  usedByName?: string
  usedAt?: string
  cancelledAt?: string
}

export interface InviteRepository {
  /** Store an invite; false when its code is taken (the caller draws another). */
  insert(invite: InviteRecord): Promise<boolean>
  find(id: Id): Promise<InviteRecord | null>
  /** The invite of a code (exact, upper case), held until the transaction ends: one code, one use. */
  findByCodeForUpdate(code: string): Promise<InviteRecord | null>
  /** A community's invites, newest first (createdAt, id), at most `limit`. */
  list(communityId: Id, limit: number): Promise<InviteRecord[]>
  markUsed(id: Id, by: { id: Id; name: string }, at: string): Promise<void>
  cancel(id: Id, at: string): Promise<void>
}

// ── personal data ────────────────────────────────────────────────────────────────────────────

/** Everything stored about one person, as rows (the service shapes the export from it). */
export interface PersonalRecords {
  person: { id: Id; name: string; phone: string; roles: Role[]; communityId: Id | null; home?: Home; createdAt: string; openid?: string; demo: boolean }
  claims: ClaimRecord[]
  /** Reports they filed, filed for others, or that were filed for them by name (beneficiary = them). */
  reports: Report[]
  reportSteps: TimelineEvent[]
  meToo: Array<{ reportId: Id; at: string }>
  messages: Message[]
  noticesRead: Array<{ noticeId: Id; at: string }>
  noticesPublished: StoredNotice[]
  photos: Array<PhotoRecord & { createdAt: string }>
  sessions: Array<{ createdAt: string; expiresAt: string }>
  invitesUsed: Array<{ role: InvitedRole; communityId: Id; usedAt: string }>
  /** Conventions and consultation (issue 11): what they wrote and did for their household. */
  consultation: {
    proposals: ProposalRecord[]
    contributions: ContributionRecord[]
    cosigns: CosignRecord[]
    acknowledgements: AcknowledgementRecord[]
    /** Receipts of ballots they cast (never the choice: it is not stored with them). */
    ballots: BallotReceipt[]
    ratings: RatingRecord[]
  }
  /** Service booking (issue 12): bookings made for them, and those they made for others (代约). */
  bookings: BookingRecord[]
}

export interface PrivacyRepository {
  /** Every record about the person (their reports with photo ids as URLs are the service's job). */
  collect(userId: Id): Promise<PersonalRecords | null>
  /**
   * Erase a person (PIPL art. 47; ADR 12): their name becomes `anonymousName` wherever it was
   * written (reports, steps, messages, notices, invites; proposals, contributions, minutes,
   * progress, acknowledgements, ballot receipts, ratings, conventions, votes, disclosures; bookings
   * for them and by them (their answers to booking questions go too) — the
   * household's co-signs, acknowledgements, ballots and ratings stay: they are the household's), their phone, WeChat identity, roles,
   * community, home, claims, sessions, read marks and idempotency keys go; reports stay as
   * governance records; the user row stays (marked deleted) so they keep a reporter.
   */
  erase(userId: Id, anonymousName: string, at: string): Promise<void>
}

// ── photos ───────────────────────────────────────────────────────────────────────────────────

export interface PhotoRecord {
  id: Id
  ownerId: Id
  contentType: string
  bytes: number
  width?: number
  height?: number
}

/**
 * A photo's content check (issue 13): `pending` until the checker's verdict (WeChat's callback, or
 * a person for a photo held for review), then `pass` or `reject`. Only a passed photo is shown to
 * everyone who reads what it is attached to (services/photo-sight.ts).
 */
export type PhotoCheckState = 'pending' | 'pass' | 'reject'

/** A photo with its check, as the views read it. */
export type CheckedPhoto = PhotoRecord & { check: PhotoCheckState }

/** What is recorded of a check: the state, WeChat's trace id of a verdict to come, the checker's label. */
export interface PhotoCheckUpdate {
  state: PhotoCheckState
  /** Set: the trace id of the verdict to come; null: none any more; absent: left as it is. */
  traceId?: string | null
  /** The checker's label or why it could not answer (never shown to residents); absent: none. */
  reason?: string
  at: string
}

export interface PhotoRepository {
  /** A new photo; `check` absent: `pass` (a photo no checker is asked about: seeds, imports). */
  insert(photo: PhotoRecord & { createdAt: string; check?: PhotoCheckState }): Promise<void>
  /** The records of the ids that exist, with their checks (one statement for any number of ids). */
  findMany(ids: readonly Id[]): Promise<Map<Id, CheckedPhoto>>
  /** The photo whose check answers under this trace id (WeChat's callback), or null. */
  findByTrace(traceId: string): Promise<CheckedPhoto | null>
  /**
   * Record a check on the photo: with `ifPending`, only while it is still pending (a verdict that
   * comes twice, or after a person decided, changes nothing). True when the photo was changed.
   */
  setCheck(id: Id, update: PhotoCheckUpdate, options: { ifPending: boolean }): Promise<boolean>
}

// ── reports ──────────────────────────────────────────────────────────────────────────────────

/** A keyset position in a newest-first list: (createdAt, id). */
export interface Keyset {
  createdAt: string
  id: Id
}

/** Whose reports are "mine": reported by me, filed by me (代报), or filed for my household. */
export interface ReportOwner {
  userId: Id
  communityId: Id
  home?: Home
}

/** A list row as "my reports" shows it: the summary's fields (no URL yet) and the first photo's id. */
export type SummaryRow = Omit<ReportSummary, 'thumbnailUrl'> & { firstPhotoId?: Id }

export interface InboxFilter {
  communityId: Id
  /** Staff see the whole community; a grid worker only their grids. */
  gridIds: readonly Id[] | 'all'
  statuses?: readonly ReportStatus[]
  categoryId?: Id
  gridId?: Id
  overdueOnly?: boolean
  escalatedOnly?: boolean
}

export type { DashboardFacts, DashboardSpan } from '../domain/dashboard'

export interface IdempotencyRecord {
  userId: Id
  key: string
  fingerprint: string
  reportId: Id
  at: string
}

export interface ReportRepository {
  /**
   * Store a new report (its `number` is assigned here, from the community's counter, and returned)
   * with its first timeline event.
   */
  create(report: Report, firstEvent: TimelineEvent): Promise<Report>
  find(id: Id): Promise<Report | null>
  /** `find`, holding the report until the transaction ends: moves on one report serialise. */
  findForUpdate(id: Id): Promise<Report | null>
  /** Write a report after a move, only if it is still at `expectedVersion`; answers whether it was written. */
  update(report: Report, expectedVersion: number): Promise<boolean>
  addEvent(event: TimelineEvent): Promise<void>
  /** A report's timeline in the order it happened. */
  listEvents(reportId: Id): Promise<TimelineEvent[]>

  /** A key already used by this user for a submission, with what it was used for. */
  findIdempotencyKey(userId: Id, key: string): Promise<{ fingerprint: string; reportId: Id } | null>
  /**
   * Claim a key for a report about to be created; false when it is taken. When another
   * transaction is claiming it at this moment, waits for that one to end (so the loser can read
   * the winner's record).
   */
  claimIdempotencyKey(record: IdempotencyRecord): Promise<boolean>

  /** Add a voice (附议; once per person); answers the report's count of voices after it. */
  addMeToo(reportId: Id, userId: Id, at: string): Promise<number>

  /** My reports, newest first (`compareNewestFirst`), after `cursor`, at most `limit`. */
  listMine(owner: ReportOwner, cursor: Keyset | null, limit: number): Promise<SummaryRow[]>
  /**
   * A community's reports that are not finished (`isTerminal`) and are public (no moderation mark:
   * `canSeeModerated` for someone who is neither their reporter nor a moderator), newest first,
   * optionally of one category.
   */
  listOpen(filter: { communityId: Id; categoryId?: Id }, cursor: Keyset | null, limit: number): Promise<Report[]>
  /**
   * A handler's reports in the domain's inbox order (`compareInbox` at `now`): overdue, then open
   * by deadline, then waiting on the resident, then finished; those after `after` (keyset) only.
   */
  listInbox(filter: InboxFilter, now: string, after: InboxPosition | null, limit: number): Promise<Report[]>
  /**
   * What a community's dashboard is computed from (domain/dashboard.ts, `dashboardFacts`): counts and
   * medians of the reports filed in [from, to), the daily series of filings and resolve steps in
   * [chartFrom, chartTo) — aggregated where the data is, never a list of reports.
   */
  dashboardFacts(communityId: Id, span: DashboardSpan): Promise<DashboardFacts>
}

// ── messages ─────────────────────────────────────────────────────────────────────────────────

/** A message as stored: which thread it belongs to, and what that thread is about. */
export interface NewMessage extends Message {
  communityId: Id
  /** The report of a report thread, or the owner of a general thread (exactly one). */
  reportId?: Id
  ownerId?: Id
}

/** Who looks at a list of threads, with the scope the storage narrows by. */
export interface ThreadViewer {
  id: Id
  communityId: Id
  staff: boolean
  gridIds: readonly Id[]
  home?: Home
}

/** What a thread is about, with what its rule (`canUseReportThread`/`canUseGeneralThread`) and title need. */
export type ThreadSubject =
  | {
      kind: 'report'
      report: Pick<Report, 'id' | 'communityId' | 'gridId' | 'reporterId' | 'status' | 'filedBy' | 'beneficiary' | 'number' | 'categoryName' | 'createdAt'>
    }
  | { kind: 'general'; owner: { id: Id; name: string; communityId: Id; home?: Home; buildingName?: string } }

export interface ThreadRow {
  threadId: Id
  subject: ThreadSubject
  /** The last message's instant and body; for a thread with no message yet, the report's filing and ''. */
  lastMessageAt: string
  lastMessageBody: string
  /** Messages of others after the viewer's last read. */
  unread: number
}

export interface MessageRepository {
  /** Store a message; answers its place in its thread (grows with every message). */
  insert(message: NewMessage): Promise<number>
  /**
   * A page of a thread, newest first, before `beforeSeq` (from the newest when null), each with its
   * place: the messages `viewer` may see (`canSeeModerated`: published ones, their own, held ones for
   * a moderator; no viewer: published ones only).
   */
  listBefore(threadId: Id, beforeSeq: number | null, limit: number, viewer?: ModerationViewer): Promise<Array<{ message: Message; seq: number }>>
  /** Remember that `userId` has seen the thread up to `upToSeq` (default: its latest message); never backwards. */
  markRead(userId: Id, threadId: Id, at: string, upToSeq?: number): Promise<void>
  /**
   * Every thread that may concern the viewer, with its subject and the viewer's unread count, in
   * one go: threads with messages in the viewer's scope (staff: the community; others: their own
   * general thread and the threads of reports they reported, filed, live in the household of or
   * handle as a grid worker), and the threads of the viewer's own reports with no message yet.
   * Only published messages and the viewer's own count (a held message announces nothing: no
   * thread, last message or unread count until it is approved). The service checks each with the
   * domain's rule.
   */
  listThreads(viewer: ThreadViewer): Promise<ThreadRow[]>
}

// ── notices ──────────────────────────────────────────────────────────────────────────────────

/** Who looks at notices: the storage's twin of what `canSeeNotice` needs. */
export interface NoticeViewer {
  id: Id
  communityId: Id
  /** Staff see every notice of the community, expired ones included. */
  staff: boolean
  /** The viewer's home building and the buildings they lead. */
  buildingIds: readonly Id[]
  /** A moderator (`canModerate`) also sees the community's held notices; everyone sees their own (absent: not a moderator). */
  moderator?: boolean
}

/** A position in the notices' order (`compareNotices`): pinned, urgent, newest. */
export interface NoticeKeyset {
  pinned: boolean
  urgent: boolean
  publishedAt: string
  id: Id
}

export type StoredNotice = Omit<Notice, 'read'>

/** A notice its author sent, with its households and read households (as `computeReceipts` counts them). */
export type SentNoticeRow = Notice & { households: number; readHouseholds: number }

export interface NoticeRepository {
  insert(notice: StoredNotice): Promise<void>
  /** One notice with `read` for the viewer. */
  find(id: Id, viewerId: Id): Promise<Notice | null>
  /** A page of what the viewer may see (`canSeeNotice` at `now`, `canSeeModerated`) in `compareNotices` order, after `cursor`. */
  list(viewer: NoticeViewer, now: string, cursor: NoticeKeyset | null, limit: number): Promise<Notice[]>
  /** Live, published notices (not expired at `now`, no moderation mark) the viewer may see and has not read. */
  countUnread(viewer: NoticeViewer, now: string): Promise<number>
  markRead(noticeId: Id, userId: Id, at: string): Promise<void>
  listReaders(noticeId: Id): Promise<Set<Id>>
  /**
   * The notices `authorId` published in `communityId`, newest first over (publishedAt, id) after
   * `cursor`, expired ones included, each with `read` for the author and its read count by household
   * — `computeReceipts`' households (residents with a home the notice reaches) and those where
   * someone has read it — in one go, not one query per notice.
   */
  listSent(authorId: Id, communityId: Id, cursor: Keyset | null, limit: number): Promise<SentNoticeRow[]>
}

// ── quotas ───────────────────────────────────────────────────────────────────────────────────

/**
 * What one person wrote in windows of time, counted from the rows the features write (the quotas
 * of src/domain/quotas.ts, applied by src/core/quotas.ts). Each answers one count per span of
 * `spans`, in their order, rows at or after `from` and before `to`, in one statement.
 */
export interface UsageRepository {
  /** Photos `ownerId` uploaded, and their bytes. */
  photos(ownerId: Id, spans: readonly QuotaSpan[]): Promise<Array<{ count: number; bytes: number }>>
  /** Messages `authorId` posted, on any thread. */
  messages(authorId: Id, spans: readonly QuotaSpan[]): Promise<number[]>
  /** Notices `authorId` published, and how many of them were urgent or pinned. */
  notices(authorId: Id, spans: readonly QuotaSpan[]): Promise<Array<{ count: number; prominent: number }>>
  /** Proposals `authorId` raised. */
  proposals(authorId: Id, spans: readonly QuotaSpan[]): Promise<number[]>
  /** Contributions `authorId` wrote, and how many of them were questions (not official, on a disclosure). */
  contributions(authorId: Id, spans: readonly QuotaSpan[]): Promise<Array<{ count: number; questions: number }>>
  /** Bookings `userId` made: for themselves, and for others (代约, booked by them). */
  bookings(userId: Id, spans: readonly QuotaSpan[]): Promise<number[]>
}
