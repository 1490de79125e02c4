/**
 * The domain vocabulary shared by the app and the server: every entity of product.md.
 * Pure type declarations — no runtime code, so any layer may import it.
 */

export type Id = string
/** ISO-8601 instant, always UTC (`2026-11-21T08:00:00.000Z`). */
export type Instant = string

// ── People and places ──────────────────────────────────────────────────────────────────────────

/**
 * `street_staff`: an officer of a street office (街道) who reads the dashboards of the street's
 * communities; they belong to no community.
 */
export type Role = 'resident' | 'building_leader' | 'grid_worker' | 'staff' | 'admin' | 'street_staff'

/** A street office (街道): the communities of one street are run together. */
export interface Street {
  id: Id
  name: string
  /** The district (区/县) and city, e.g. 无锡市锡山区. */
  district: string
}

export interface Community {
  id: Id
  name: string
  /** 社区 (urban community) or 村 (village). */
  kind: 'community' | 'village'
  /** The full place name above it, e.g. 无锡市锡山区东亭街道. */
  district: string
  streetId: Id
  streetName: string
}

/** A community as someone looking for theirs sees it (search, a scanned code). */
export type CommunitySummary = Pick<Community, 'id' | 'name' | 'kind' | 'district' | 'streetName'>

export interface Grid {
  id: Id
  communityId: Id
  name: string
}

export interface Building {
  id: Id
  communityId: Id
  gridId: Id
  name: string
  rooms: string[]
}

export interface Department {
  id: Id
  communityId: Id
  name: string
}

/** A person as the app knows them after sign-in. One person can hold several roles. */
export interface User {
  id: Id
  name: string
  /** Masked for display (138****0001); the full number never leaves the backend. */
  phoneMasked: string
  roles: Role[]
  /**
   * The community the person belongs to; null until a newly signed-in person picks theirs (and for
   * a street officer, who serves a street).
   */
  communityId: Id | null
  /** street_staff: the street they serve. */
  streetId?: Id
  /**
   * Their verified household (审核通过的住户). Absent until a claim is approved: an unverified
   * member reads community-wide notices and reports problems, but is not counted in receipts, does
   * not receive building broadcasts and cannot vote.
   */
  home?: { buildingId: Id; room: string }
  /** Grids a grid worker serves. */
  gridIds: Id[]
  /** Buildings a building leader leads. */
  leadsBuildingIds: Id[]
}

/** What the sign-in screen offers on a demo backend. */
export interface DemoAccount {
  userId: Id
  name: string
  roles: Role[]
  /** A one-line description in Chinese ("3 号楼居民" …). */
  description: string
}

export interface Session {
  token: string
  user: User
  expiresAt: Instant
}

// ── Households, invitations, people (issue 10) ─────────────────────────────────────────────────

export interface HouseholdMember {
  userId: Id
  name: string
  /** 138****0001 (handlers of a report see numbers through `reporterPhone` only). */
  phoneMasked: string
  /** 户代表: casts the household's ballot when a vote asks for the representative. */
  representative: boolean
  /** Since when they are a verified member. */
  since: Instant
}

/** A household (户): one room of one building, with its verified members (家庭成员). */
export interface Household {
  communityId: Id
  buildingId: Id
  buildingName: string
  room: string
  members: HouseholdMember[]
}

/**
 * A claim's life: pending → approved (a verified member) → left (moved out) or removed (by staff,
 * with a reason); or pending → rejected (with a reason) or withdrawn (by the person). The claims of
 * a person are the history of where they lived.
 */
export type ClaimStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'left' | 'removed'

/** A person's claim to live in a household, reviewed by staff or the building's leader. */
export interface HouseholdClaim {
  id: Id
  communityId: Id
  userId: Id
  buildingId: Id
  buildingName: string
  room: string
  /** The name and (masked) phone the person gave. */
  name: string
  phoneMasked: string
  status: ClaimStatus
  /** Why it was rejected (or why a member was removed). */
  reason?: string
  createdAt: Instant
  decidedAt?: Instant
  decidedByName?: string
}

/**
 * Roles given by invitation (a resident needs none: they claim a household). `street_staff` is
 * invited by the admin command only, from any community of the street: the officer serves the
 * street, not that community.
 */
export type InvitedRole = 'staff' | 'grid_worker' | 'building_leader' | 'admin' | 'street_staff'

export type InviteStatus = 'open' | 'used' | 'expired' | 'cancelled'

/** A one-time invitation to a role in a community, shown as a code (and a mini-program code). */
export interface Invite {
  id: Id
  communityId: Id
  role: InvitedRole
  /** grid_worker: the grids they will serve. */
  gridIds: Id[]
  /** building_leader: the buildings they will lead. */
  buildingIds: Id[]
  /** For whom, as the inviter wrote it (孙丽 · 第二网格). */
  note: string
  /** 8 characters (no 0/O/1/I), typed or scanned; shown while open. */
  code: string
  status: InviteStatus
  createdAt: Instant
  expiresAt: Instant
  createdByName: string
  usedByName?: string
  usedAt?: Instant
}

/** A person of the community as its staff and admins see them (people's roles). */
export interface Member {
  id: Id
  name: string
  phoneMasked: string
  roles: Role[]
  gridIds: Id[]
  leadsBuildingIds: Id[]
  home?: { buildingId: Id; room: string }
}

/** 我的: who I am, my community, my household and my claims. */
export interface Profile {
  user: User
  community?: Community
  household?: Household
  /** My claims, newest first (a pending one is waiting for review). */
  claims: HouseholdClaim[]
}

/**
 * Download my data (PIPL art. 45): every record about the person, as the backend holds it — the
 * full phone number included (it is theirs).
 */
export interface PersonalDataExport {
  exportedAt: Instant
  person: { id: Id; name: string; phone: string; roles: Role[]; communityId: Id | null; home?: { buildingId: Id; room: string }; createdAt: Instant; signIn: 'wechat' | 'demo' | 'set-up' }
  community?: Community
  household?: Household
  claims: HouseholdClaim[]
  reports: Report[]
  /** Steps the person took on any report (handling, ratings). */
  reportSteps: TimelineEvent[]
  meToo: Array<{ reportId: Id; at: Instant }>
  messages: Message[]
  noticesRead: Array<{ noticeId: Id; at: Instant }>
  noticesPublished: Array<Omit<Notice, 'read'>>
  photos: Array<{ id: Id; contentType: string; bytes: number; createdAt: Instant }>
  sessions: Array<{ createdAt: Instant; expiresAt: Instant }>
  invitesUsed: Array<{ role: InvitedRole; communityId: Id; usedAt: Instant }>
  /** Conventions and consultation: what they wrote, and what they did for their household (never how it voted). */
  consultation: {
    proposals: Array<{ id: Id; communityId: Id; title: string; body: string; status: ProposalStatus; createdAt: Instant }>
    contributions: Array<{ id: Id; subjectKey: string; stance?: Stance; body: string; hidden: boolean; createdAt: Instant }>
    cosigns: Array<{ proposalId: Id; buildingId: Id; room: string; at: Instant }>
    acknowledgements: Array<{ conventionId: Id; version: number; buildingId: Id; room: string; at: Instant }>
    ballots: Array<{ voteId: Id; buildingId: Id; room: string; channel: 'phone' | 'paper'; at: Instant }>
    ratings: Array<{ proposalId: Id; level: RatingLevel; comment: string; at: Instant }>
  }
  /**
   * Service booking, newest first: bookings for them (`forMe`, with their answers) and those they
   * made for others (代约; without the other person's answers).
   */
  bookings: Array<{ id: Id; forMe: boolean; serviceId: Id; serviceName: string; startsAt: Instant; status: BookingStatus; answers: BookingAnswer[]; createdAt: Instant }>
}

// ── Reports (诉求/随手拍) ────────────────────────────────────────────────────────────────────────

export interface Category {
  id: Id
  name: string
  /** Short guidance shown when the category is chosen. */
  guidance: string
  /** 限时办结: hours from submission to the resolution deadline. */
  deadlineHours: number
  /** Emergencies stop the report form and tell the user to call a number now. */
  emergency?: { phone: '110' | '119' | '120' | string; message: string }
  /**
   * The category asks extra questions (`reports.questions`): an Open311 service with
   * `metadata: true`. Absent on Linli's own categories.
   */
  hasQuestions?: boolean
  /** The chip group the category is shown under (an Open311 service's `group`); absent: one group. */
  group?: string
  /** Words a search for the category matches besides its name (an Open311 service's `keywords`). */
  keywords?: string[]
}

/** What kind of answer an extra question of a category takes (GeoReport v2's attribute datatypes). */
export type ReportQuestionType = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'

/** An extra question of a category's report form (an Open311 service definition's attribute). */
export interface ReportQuestion {
  /** Posted as the answer's key (`attribute[code]`). */
  code: string
  /** The question itself. */
  label: string
  /** A hint under the field ('' when none). */
  hint: string
  type: ReportQuestionType
  required: boolean
  order: number
  /** The choices of a list question: `value` is what is sent, `label` what is shown. */
  options: Array<{ value: string; label: string }>
  /** False: information shown on the form, never asked nor sent. */
  asked: boolean
}

/** Answers to a category's extra questions, by question code: a text, or the chosen values of a multi value list. */
export type ReportAnswers = Record<string, string | string[]>

export type ReportStatus =
  | 'submitted'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'transferred'
  | 'reopened'
  | 'merged'

/** Every action that changes a report or adds to its timeline. */
export type ReportAction =
  | 'submit'
  | 'accept'
  | 'reject'
  | 'assign'
  | 'transfer'
  | 'progress'
  | 'resolve'
  | 'rate'
  | 'close'
  | 'merge'
  | 'escalate'

export type ReportLocation =
  | { kind: 'point'; latitude: number; longitude: number; name: string; address: string }
  | { kind: 'text'; address: string }

export interface Photo {
  id: Id
  /** A URL the client can display (a server URL, or a local/data URL on the memory backend). */
  url: string
  width?: number
  height?: number
  bytes?: number
}

export type RatingLevel = 'satisfied' | 'basically_satisfied' | 'unsatisfied'

export interface Rating {
  level: RatingLevel
  comment: string
  at: Instant
}

/** Who a report is assigned to: a grid worker or a department (派单). */
export type Assignee = { kind: 'user'; id: Id; name: string } | { kind: 'department'; id: Id; name: string }

export interface Report {
  id: Id
  /** Human-facing number, e.g. "YY-20261121-0007". */
  number: string
  communityId: Id
  gridId: Id
  buildingId?: Id
  categoryId: Id
  categoryName: string
  description: string
  photos: Photo[]
  location: ReportLocation
  /** Hidden from other residents; handlers still see who reported. */
  anonymous: boolean
  reporterId: Id
  /** As the viewer may see it: masked or "匿名居民" for other residents. */
  reporterName: string
  /** Set when a building leader or staff member filed it for someone (代报). */
  filedBy?: { id: Id; name: string }
  /**
   * 代报: the household it was filed for. The resident living there sees it as theirs when they
   * sign in (even if they had no account when it was filed).
   */
  beneficiary?: { buildingId: Id; room: string; name?: string; phoneMasked?: string }
  status: ReportStatus
  assignee?: Assignee
  createdAt: Instant
  updatedAt: Instant
  acceptedAt?: Instant
  resolvedAt?: Instant
  /** 限时办结: when it should be resolved by. */
  deadlineAt: Instant
  escalated: boolean
  rating?: Rating
  mergedIntoId?: Id
  reopenCount: number
  /** 附议 count: other residents who said "me too". */
  meTooCount: number
  /** Optimistic concurrency: bumps on every change. */
  version: number
  /** Held out of the public view by the content check (issue 13), as its people see it; absent: public. */
  moderation?: ModerationMark
}

export interface TimelineEvent {
  id: Id
  reportId: Id
  action: ReportAction
  fromStatus: ReportStatus | null
  toStatus: ReportStatus
  actorId: Id
  /** As the viewer may see it. */
  actorName: string
  actorRole: Role
  at: Instant
  note?: string
  /** 派单: to whom it was assigned (the grid worker or staff member, or the department); 转派: the department it went to. */
  assignee?: Assignee
  photos: Photo[]
  /** Internal steps (an escalation memo) are hidden from residents. */
  public: boolean
}

export interface ReportDetail {
  report: Report
  timeline: TimelineEvent[]
  /** What the current viewer may do next, computed by the backend from the same rules. */
  allowedActions: ReportAction[]
  /**
   * Handlers only (never a resident): whom to call about the report, with the number masked. The
   * full number comes from `reporterPhone` at the moment of calling.
   */
  contact?: ReportContact
}

/**
 * Whom a handler calls about a report: the reporter; for 代报, a resident of the household if one
 * is registered with a number (`household`), else the person who filed it (`filer`).
 */
export type ContactRelation = 'reporter' | 'household' | 'filer'

export interface ReportContact {
  name: string
  /** 138****0001 */
  phoneMasked: string
  relation: ContactRelation
}

/** Why a handler asks for a full number (src/domain/phone-reveal.ts): 回访核实, 上门前联系, 紧急情况. */
export type PhoneRevealReason = 'follow_up' | 'before_visit' | 'emergency'

/** The full number to dial, answered to the report's handler only. */
export interface ReporterPhone {
  name: string
  /** Digits only, as the dialer takes it. */
  phone: string
  relation: ContactRelation
}

export type ReportSummary = Pick<
  Report,
  | 'id'
  | 'number'
  | 'categoryId'
  | 'categoryName'
  | 'description'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'deadlineAt'
  | 'escalated'
  | 'gridId'
  | 'anonymous'
  | 'reporterName'
  | 'meTooCount'
  | 'reopenCount'
  | 'moderation'
> & { thumbnailUrl?: string; photoCount: number }

// ── Messages (留言/回复) ─────────────────────────────────────────────────────────────────────────

export interface MessageThread {
  id: Id
  /** A thread on a report, or the general "ask the community" thread. */
  kind: 'report' | 'general'
  reportId?: Id
  title: string
  lastMessageAt: Instant
  lastMessagePreview: string
  unread: number
}

export interface Message {
  id: Id
  threadId: Id
  authorId: Id
  authorName: string
  authorRole: Role
  body: string
  at: Instant
  /** Held for review (its author and moderators see it) or refused after review (its author only). */
  moderation?: ModerationMark
}

// ── Notices (通知公告) and broadcasts ───────────────────────────────────────────────────────────

export interface Notice {
  id: Id
  communityId: Id
  /** Community-wide from staff, or a building broadcast from a leader. */
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: Id[] }
  title: string
  /** Plain text; rendered as text, never as markup. */
  body: string
  urgent: boolean
  pinned: boolean
  expiresAt?: Instant
  publishedAt: Instant
  authorId: Id
  authorName: string
  read: boolean
  /** Held for review (its author and moderators see it) or refused after review (its author only). */
  moderation?: ModerationMark
}

/**
 * A notice as its author lists it (我发的通知): with the households it reaches and how many of them
 * have read it, counted as `NoticeReceipts` counts them ("已读 x / y 户").
 */
export interface SentNotice extends Notice {
  households: number
  readHouseholds: number
}

export interface NoticeReceipts {
  noticeId: Id
  households: number
  read: number
  unreadHouseholds: Array<{ buildingId: Id; buildingName: string; room: string }>
}

// ── Conventions and consultation (公约 / 民事民提·议·决·评 / 村务公开) ─────────────────────────────

/** 社区公约 and 村规民约 bind the whole community; a 微公约 binds some of its buildings. */
export type ConventionKind = 'community' | 'village' | 'building'

/** An article keeps its id from version to version; an amended article has the same id, a new one a new id. */
export interface ConventionArticle {
  id: Id
  /** 第 n 条, from 1, in reading order. */
  number: number
  title: string
  text: string
}

/**
 * A version of a convention: `draft` (being written, or put to a vote), `published` (in force from
 * `effectiveFrom`, until a later published version takes effect), `rejected` (its vote failed).
 */
export interface ConventionVersion {
  version: number
  status: 'draft' | 'published' | 'rejected'
  articles: ConventionArticle[]
  changeNote: string
  /** Published versions: when it takes (took) effect. */
  effectiveFrom?: Instant
  /** The vote a draft was put to. */
  voteId?: Id
  createdAt: Instant
  createdByName: string
}

/** A convention as a reader sees it: the version in force and the list of all versions (修订记录). */
export interface Convention {
  id: Id
  communityId: Id
  kind: ConventionKind
  title: string
  /** A 微公约's buildings (empty for the community's conventions). */
  buildingIds: Id[]
  buildingNames: string[]
  /** The version in force now; absent before the first published version takes effect. */
  inForce?: ConventionVersion
  /** Every version, oldest first, without articles (fetch one with `getVersion`). Drafts are listed for staff only. */
  versions: Array<Omit<ConventionVersion, 'articles'>>
  /** Whether the convention binds my household (I live in its community, or in one of its buildings). */
  bindsMe: boolean
  /** My household's 承诺遵守 of the version in force: who of us made it and when. */
  myAcknowledgement?: { byName: string; at: Instant }
  /** Households bound by it, and of them those that acknowledged the version in force. */
  households: number
  acknowledgedHouseholds: number
  createdAt: Instant
}

/** The differences between two versions, article by article (matched by article id). */
export interface ArticleChange {
  articleId: Id
  change: 'added' | 'removed' | 'changed' | 'renumbered' | 'unchanged'
  before?: Pick<ConventionArticle, 'number' | 'title' | 'text'>
  after?: Pick<ConventionArticle, 'number' | 'title' | 'text'>
}

/** Which households have acknowledged the version in force, for a building leader (their buildings) or staff. */
export interface AcknowledgementSheet {
  conventionId: Id
  version: number
  households: number
  acknowledged: number
  rows: Array<{ buildingId: Id; buildingName: string; room: string; acknowledged: boolean; byName?: string; at?: Instant }>
}

/** 民事民提: a matter a verified resident raises. */
export type ProposalStatus =
  /** Gathering co-signs (附议) until its deadline. */
  | 'collecting'
  /** On the agenda: reached its threshold, or staff put it there (列入议程). */
  | 'agenda'
  /** Staff declined it with a reason (不予采纳). */
  | 'declined'
  /** Staff merged it into another proposal (合并). */
  | 'merged'
  /** Its vote is open. */
  | 'voting'
  /** The vote passed: being carried out (民事民评). */
  | 'adopted'
  /** The vote failed. */
  | 'not_adopted'
  /** Carried out (progress 100 %); households rate it. */
  | 'done'

export interface ProposalAnswer {
  kind: 'agenda' | 'declined' | 'merged'
  /** Staff's words to the residents (required when declining). */
  reason: string
  mergedInto?: { id: Id; title: string }
  at: Instant
  byName: string
}

export interface ProgressUpdate {
  id: Id
  percent: number
  text: string
  photos: Photo[]
  at: Instant
  byName: string
}

export interface Minutes {
  id: Id
  text: string
  photos: Photo[]
  at: Instant
  byName: string
}

/** How households judged an adopted decision once carried out: counts by level, and my household's. */
export interface EvaluationRatings {
  satisfied: number
  basically_satisfied: number
  unsatisfied: number
  mine?: { level: RatingLevel; byName: string }
}

export interface ProposalSummary {
  id: Id
  communityId: Id
  title: string
  authorName: string
  /** The author's building (never the room). */
  authorBuildingName: string
  status: ProposalStatus
  /** Co-signing households other than the author's, and how many put it on the agenda by when. */
  cosigns: number
  threshold: number
  deadline: Instant
  /** The collecting proposal's deadline passed without reaching its threshold. */
  lapsed: boolean
  cosignedByMyHousehold: boolean
  mine: boolean
  /** Whether staff have answered it (every proposal gets an answer). */
  answered: boolean
  contributions: number
  createdAt: Instant
  /** Held for review (its author and moderators see it) or refused after review (its author only). */
  moderation?: ModerationMark
}

export interface Proposal extends ProposalSummary {
  body: string
  photos: Photo[]
  /** The convention article it would change, with the wording proposed. */
  article?: { conventionId: Id; conventionTitle: string; articleId: Id; number: number; proposedText: string }
  answer?: ProposalAnswer
  minutes: Minutes[]
  voteId?: Id
  /** Adopted decisions: who carries it out and how far it got (民事民评). */
  evaluation?: { responsible: string; percent: number; updates: ProgressUpdate[]; ratings: EvaluationRatings }
  /** What my household may do now (each false with the reason shown when tried). */
  canCosign: boolean
  /** Why my household cannot co-sign now, in the rule's words (absent when it can). */
  cosignRefusal?: string
  canRate: boolean
}

/** 民事民议: a contribution to a proposal's, an article's or a disclosure's discussion. */
export type Stance = 'for' | 'against' | 'neutral'

export type DiscussionSubject =
  | { kind: 'proposal'; id: Id }
  | { kind: 'article'; conventionId: Id; articleId: Id }
  | { kind: 'disclosure'; id: Id }

export interface Contribution {
  id: Id
  subject: DiscussionSubject
  /** A reply to this contribution (one level: replies to replies hang under the same parent). */
  parentId?: Id
  authorName: string
  /** Written by staff on the community's behalf (a disclosure's answer, a proposal's reply). */
  official: boolean
  /** Top-level contributions to proposals and articles take a stance; replies and questions do not. */
  stance?: Stance
  /** Empty when hidden (except for staff, who see what was hidden). */
  body: string
  hidden?: { reason: string; byName: string; at: Instant }
  mine: boolean
  createdAt: Instant
  /** Held for review (its author and moderators see it) or refused after review (its author only). */
  moderation?: ModerationMark
}

/** Stances of a discussion's visible top-level contributions. */
export interface StanceCounts {
  for: number
  against: number
  neutral: number
}

/** 民事民决. */
export type MajorityRule = 'simple' | 'two_thirds'

export type VoteStatus = 'open' | 'closed' | 'published'

export interface VoteOption {
  id: Id
  label: string
}

export interface VoteResult {
  voteId: Id
  /** Households on the roll (eligible when the vote opened), and those whose ballot is in. */
  eligible: number
  voted: number
  /** Required turnout, percent of eligible households (1–100). */
  quorumPercent: number
  quorumMet: boolean
  majority: MajorityRule
  tally: Array<{ optionId: Id; label: string; count: number }>
  /** Ballots entered on paper by staff (counted with the rest). */
  paperBallots: number
  /** The option with the majority the rule asks of the ballots cast; absent on a tie, no majority or no quorum. */
  winningOptionId?: Id
  /** Quorum met and the winning option is the approving one (approval votes) or any winner (choice votes). */
  passed: boolean
}

export interface Vote {
  id: Id
  communityId: Id
  title: string
  description: string
  /** `approval`: 同意 / 不同意 / 弃权, passed when 同意 has the majority; `choice`: the options staff wrote. */
  kind: 'approval' | 'choice'
  options: VoteOption[]
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: Id[] }
  scopeLabel: string
  quorumPercent: number
  majority: MajorityRule
  /** 公示 period after the result is published, in days. */
  publicityDays: number
  proposal?: { id: Id; title: string }
  /** A vote on a convention draft: adopted, the draft becomes the next version. */
  convention?: { id: Id; title: string; version: number }
  opensAt: Instant
  closesAt: Instant
  status: VoteStatus
  publishedAt?: Instant
  publicityEndsAt?: Instant
  eligible: number
  voted: number
  /** My household on this vote: on the roll or not, and its ballot (who cast it, when, how) — never its choice. */
  myHousehold: { eligible: boolean; ballot?: { castByName: string; at: Instant; channel: 'phone' | 'paper' } }
  /** Published votes (and closed ones for staff): the result. */
  result?: VoteResult
  createdAt: Instant
  createdByName: string
}

/** Who has voted (never how), for staff and the leaders of the buildings: the roll with each household's ballot. */
export interface VoteRoll {
  voteId: Id
  rows: Array<{
    buildingId: Id
    buildingName: string
    room: string
    voted: boolean
    channel?: 'phone' | 'paper'
    castByName?: string
    /** Paper ballots: who entered it, and when. */
    enteredByName?: string
    at?: Instant
  }>
}

/** 村务公开. */
export type DisclosureCategory = 'party' | 'affairs' | 'finance'

/** A month (1–12) or a quarter (1–4) of a year. */
export type DisclosurePeriod = { year: number; month: number } | { year: number; quarter: number }

/** An income or expense line, in fen (分) so that sums are exact. */
export interface FinanceItem {
  kind: 'income' | 'expense'
  name: string
  amountFen: number
}

export interface FinanceTable {
  items: FinanceItem[]
  /** Totals as the document states them; checked against the items. */
  totalIncomeFen: number
  totalExpenseFen: number
  /** Optional balances: closing = opening + income − expense. */
  openingBalanceFen?: number
  closingBalanceFen?: number
}

export interface DisclosureSummary {
  id: Id
  communityId: Id
  category: DisclosureCategory
  period: DisclosurePeriod
  /** 2026年11月 / 2026年第4季度. */
  periodLabel: string
  title: string
  publishedAt: Instant
  publishedByName: string
  readByMe: boolean
  questions: number
}

export interface Disclosure extends DisclosureSummary {
  body: string
  photos: Photo[]
  finance?: FinanceTable
  /** Staff: households of the community, and those where someone has read it. */
  households?: number
  readHouseholds?: number
}

/** The community's rules for proposals: co-signing households needed, within how many days. */
export interface ConsultationSettings {
  communityId: Id
  proposalThreshold: number
  proposalWindowDays: number
}

/** The front door's consultation part: what waits for my household now. */
export interface ConsultationOverview {
  /** Open votes my household is on the roll of and has not voted in. */
  votesToCast: Vote[]
  /** Conventions binding my household whose version in force we have not acknowledged. */
  conventionsToAcknowledge: Convention[]
  /** Collecting proposals closest to their threshold (at most 3). */
  nearThreshold: ProposalSummary[]
  /** The newest disclosure, if any. */
  latestDisclosure?: DisclosureSummary
}

// ── Service booking (issue 12) ──────────────────────────────────────────────────────────────────

export type ServiceKind = 'home_visit' | 'legal' | 'mediation' | 'venue' | 'errand' | 'volunteer'

/** What staff tag a household with, for services only some may book (上门服务 for 高龄 / 残疾 / 低保). */
export type HouseholdTag = 'elderly' | 'disabled' | 'low_income'

/** A question the booker answers (purpose, number of people, a phone for the visit). */
export interface BookingQuestion {
  /** Stable within the service (`purpose`, `people`, `phone`, or a staff-made `q1`…). */
  id: string
  label: string
  kind: 'text' | 'number' | 'phone'
  required: boolean
  /** `number`: the largest answer allowed (people: e.g. 10). */
  max?: number
}

/** Opening hours of one weekday (1 = Monday … 7 = Sunday), as Beijing wall-clock times (`HH:mm`). */
export interface OpeningHours {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7
  start: string
  end: string
}

/** A day that differs from the weekly hours: closed (a holiday), or an extra session. */
export type ScheduleException =
  | { date: string; kind: 'closed'; note: string }
  | { date: string; kind: 'extra'; start: string; end: string; note: string }

/** A period a per-household limit counts over: a Beijing calendar day, week (Monday first) or month. */
export type LimitPeriod = 'day' | 'week' | 'month'

export interface BookingRules {
  /** Book at least this many minutes before the start (e.g. 120). */
  minNoticeMinutes: number
  /** Book at most this many days ahead (Beijing days, today being day 0). */
  maxDaysAhead: number
  /** At most `count` bookings (pending, confirmed or waitlisted, done ones too) of this service per household per period; absent: no limit. */
  householdLimit?: { count: number; period: LimitPeriod }
  /** Cancel or reschedule up to this many minutes before the start (e.g. 60). */
  changeCutoffMinutes: number
}

export interface Service {
  id: Id
  communityId: Id
  name: string
  kind: ServiceKind
  description: string
  /** Where: an address, or 上门 (at the booker's home). */
  location: { kind: 'address'; address: string } | { kind: 'home' }
  /** Who provides it (e.g. 北京某律师事务所 张律师). */
  provider: string
  durationMinutes: number
  /** Minutes kept free after each slot. */
  bufferMinutes: number
  /** Seats per slot. */
  capacity: number
  /** Households that may book: [] everyone verified; else a household carrying one of these tags. */
  eligibility: HouseholdTag[]
  questions: BookingQuestion[]
  /** Bookings wait for staff to confirm (pending) instead of being confirmed at once. */
  requiresConfirmation: boolean
  rules: BookingRules
  hours: OpeningHours[]
  exceptions: ScheduleException[]
  /** Published services are bookable; a draft only staff see; a retired one takes no new bookings. */
  status: 'draft' | 'published' | 'retired'
  updatedAt: Instant
  /** For the asking resident: whether their household may book it at all, and if not, why (in the rule's words). */
  myEligibility?: { eligible: boolean; reason?: string }
}

/** One slot of a service, computed from its hours and exceptions; its start is its identity. */
export interface Slot {
  serviceId: Id
  startsAt: Instant
  endsAt: Instant
  capacity: number
  /** Seats not held by a pending, confirmed or checked-in booking. */
  seatsLeft: number
  /** Bookings waiting for a seat. */
  waitlist: number
  /** Whether the asking resident may book it now; when not, the rule's words (too soon, too far ahead, started). */
  bookable: boolean
  reason?: string
  /** The asking resident's own active booking of this slot. */
  myBookingId?: Id
}

/** The slots of one Beijing day (YYYY-MM-DD), with a note when the day is an exception (e.g. 国庆节休息). */
export interface SlotDay {
  date: string
  weekday: number
  slots: Slot[]
  note?: string
  closed: boolean
}

/**
 * pending (staff must confirm) → confirmed → checked_in (code shown at the door) → done (rated);
 * waitlisted → promoted (confirmed or pending) or expired when the slot starts; cancelled (with a
 * reason, by the resident or staff), rejected (pending, by staff), no_show (marked after the start).
 */
export type BookingStatus = 'pending' | 'confirmed' | 'waitlisted' | 'checked_in' | 'done' | 'cancelled' | 'rejected' | 'no_show' | 'expired'

export interface BookingAnswer {
  questionId: string
  label: string
  value: string
}

export interface BookingEvent {
  at: Instant
  action: 'booked' | 'waitlisted' | 'promoted' | 'confirmed' | 'rejected' | 'rescheduled' | 'reminded' | 'checked_in' | 'done' | 'cancelled' | 'no_show' | 'expired' | 'rated'
  byName: string
  note?: string
}

export interface Booking {
  id: Id
  communityId: Id
  service: { id: Id; name: string; kind: ServiceKind; location: Service['location']; provider: string }
  startsAt: Instant
  endsAt: Instant
  status: BookingStatus
  /** The household it was booked for, and the person who will come (or be visited). */
  household: { buildingId: Id; buildingName: string; room: string }
  person: { id: Id; name: string }
  /** Staff who booked it on the person's behalf (代约), if any. */
  bookedBy?: { id: Id; name: string }
  answers: BookingAnswer[]
  /** 6 digits, shown to the person (and as a QR code on weapp) for staff to scan or type. */
  checkInCode?: string
  /** While waitlisted: 1 is next in line. */
  waitlistPosition?: number
  cancellation?: { by: 'resident' | 'staff'; reason: string; at: Instant; byName: string }
  rejection?: { reason: string; at: Instant; byName: string }
  rating?: { stars: number; comment: string; at: Instant }
  history: BookingEvent[]
  createdAt: Instant
  /** What the asking person may do now; a refusal says the rule (e.g. 开始前1小时内不能取消). */
  can: {
    cancel: boolean
    reschedule: boolean
    rate: boolean
    why?: string
  }
}

/** A household's pause after three no-shows in 60 days: no new bookings until `until`. */
export interface BookingPause {
  until: Instant
  /** The no-shows that caused it (slot starts), oldest first. */
  noShows: Instant[]
}

/** 我的预约 and the home page: my coming bookings (soonest first) and my household's pause if any; the past pages separately. */
export interface MyBookings {
  upcoming: Booking[]
  pause?: BookingPause
}

/** A household as staff book for it (代约) and tag it: its verified members and its tags. */
export interface BookingHousehold {
  buildingId: Id
  buildingName: string
  room: string
  members: HouseholdMember[]
  tags: HouseholdTag[]
}

/** The day's bookings of one service for staff, by slot. */
export interface ServiceDay {
  service: Service
  date: string
  slots: Array<Slot & { bookings: Booking[] }>
}

// ── Content security: the moderation queue and the audit log (issue 13) ───────────────────────────

/**
 * What a text others read is (the content check's scene, the queue's label): a report's public
 * description, a message, a notice, a proposal, a contribution to a discussion, a question on a
 * disclosure; and a photo the image check held for a person to look at (`photo`: its subject is the
 * photo, wherever it is attached).
 */
export type ModerationKind = 'report' | 'message' | 'notice' | 'proposal' | 'contribution' | 'question' | 'photo'

/**
 * A text that is not (yet) published: `held` by the content check until a moderator decides (its
 * author sees 审核中; moderators see it too), or `rejected` by a moderator after review (its author
 * sees 未通过审核 and the reason; nobody else sees it). Absent: published.
 */
export type ModerationMark = { status: 'held' } | { status: 'rejected'; reason: string }

/** A text in the moderation queue of its community, as moderators (staff, admins) see it. */
export interface ModerationItem {
  id: Id
  communityId: Id
  kind: ModerationKind
  /** What was held: its id, and where it is (a message's thread, a contribution's discussion). */
  subject: { id: Id; threadId?: Id; discussion?: DiscussionSubject }
  authorId: Id
  authorName: string
  /** What others would read (a proposal's title and body, a report's description …); '' for a photo. */
  text: string
  /** A held photo, for the moderator to look at (a signed URL like every photo's). */
  photo?: Photo
  /**
   * Why the content check held it, as the checker said (`词表：加微信`, WeChat's label `20003`,
   * `checker:failed` …): for moderators only, never for its author (ADR 24). `heldForLabel` words it.
   */
  heldFor: string
  status: 'held' | 'approved' | 'rejected'
  createdAt: Instant
  decidedAt?: Instant
  decidedByName?: string
  /** Why a moderator refused it (the author sees it). */
  reason?: string
}

/**
 * What an audit event records: `<subject>.<what was done>`. Report moves by handlers, hidden
 * contributions, paper ballots, moderation decisions, role changes; `phone.reveal` (a handler dialing
 * a reporter) comes with the step that records it.
 */
export type AuditAction =
  | 'report.accept'
  | 'report.reject'
  | 'report.assign'
  | 'report.transfer'
  | 'report.progress'
  | 'report.resolve'
  | 'report.close'
  | 'report.merge'
  | 'report.escalate'
  | 'contribution.hide'
  | 'vote.paper_ballot'
  | 'moderation.approve'
  | 'moderation.reject'
  | 'role.grant'
  | 'role.revoke'
  | 'phone.reveal'

export type AuditSubjectKind = 'report' | 'message' | 'notice' | 'proposal' | 'contribution' | 'vote' | 'user' | 'photo'

/**
 * One staff action that matters to residents, as the audit log keeps it (append-only): who did it
 * in which role, what and to what, whom it concerns. Names are the people's names now (an erased
 * account reads 已注销用户).
 */
export interface AuditEvent {
  id: Id
  communityId: Id
  at: Instant
  actor: { id: Id; name: string; role: Role }
  action: AuditAction
  subject: { kind: AuditSubjectKind; id: Id }
  concerns?: { id: Id; name: string }
  /** The reason or note the actor gave (a rejection's reason, a move's note). */
  note?: string
  /** A few facts of the action (a move's statuses, a role, a household), never a ballot's choice. */
  details: Record<string, string | number | boolean | null>
}

// ── Staff dashboard ─────────────────────────────────────────────────────────────────────────────

export interface DashboardStats {
  communityId: Id
  from: Instant
  to: Instant
  /** Reports received in the range. */
  received: number
  byStatus: Record<ReportStatus, number>
  /** 办结率: resolved-or-closed over `completionBase` (0..1; 0 when none). */
  completionRate: number
  /** What 办结率 is counted over: the reports received, less 不予受理 and merged duplicates. */
  completionBase: number
  /** Reports of the range that carry a resident's rating (their latest), whatever their status since. */
  rated: number
  /** Of `rated`, those rated 不满意 (reopened for 重办, so not in the closed bucket of `byStatus`). */
  ratedUnsatisfied: number
  /** 满意率: satisfied + basically satisfied over rated (0..1; 0 when none rated). */
  satisfactionRate: number
  medianHoursToAccept: number | null
  medianHoursToResolve: number | null
  overdue: number
  escalated: number
  daily: Array<{ day: string; received: number; resolved: number }>
}

// ── Paging ──────────────────────────────────────────────────────────────────────────────────────

/** A community as its people see it: places, categories, and for handlers who a report can be assigned to. */
export interface CommunityDirectory {
  community: Community
  grids: Grid[]
  buildings: Building[]
  departments: Department[]
  categories: Category[]
  /** Grid workers and staff a report can be assigned to (handlers only; empty for residents). */
  handlers: Array<Pick<User, 'id' | 'name' | 'roles' | 'gridIds'>>
}

export interface Page<T> {
  items: T[]
  /** Opaque keyset cursor for the next page, absent on the last page. */
  nextCursor?: string
}
