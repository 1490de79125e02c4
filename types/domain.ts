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
}

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

// ── Conventions and consultation (公约 / 民事民提·议·决·评) ─────────────────────────────────────

export interface Convention {
  id: Id
  communityId: Id
  title: string
  /** 社区公约, 村规民约, or a building's 微公约. */
  kind: 'community' | 'village' | 'building'
  version: number
  articles: Array<{ id: Id; number: number; text: string }>
  effectiveFrom: Instant
  acknowledgedByMe: boolean
  acknowledgements: number
}

export interface Proposal {
  id: Id
  communityId: Id
  title: string
  body: string
  authorName: string
  cosigns: number
  cosignThreshold: number
  status: 'collecting' | 'discussing' | 'voting' | 'decided' | 'withdrawn'
  createdAt: Instant
}

export interface Vote {
  id: Id
  proposalId: Id
  question: string
  options: Array<{ id: Id; label: string }>
  opensAt: Instant
  closesAt: Instant
  /** One vote per household; quorum is a share of households. */
  quorum: number
  myChoice?: Id
}

export interface VoteResult {
  voteId: Id
  households: number
  voted: number
  tally: Array<{ optionId: Id; count: number }>
  quorumMet: boolean
  winningOptionId?: Id
}

export interface Disclosure {
  id: Id
  communityId: Id
  title: string
  body: string
  kind: 'affairs' | 'finance'
  publishedAt: Instant
}

// ── Service booking ─────────────────────────────────────────────────────────────────────────────

export interface Service {
  id: Id
  communityId: Id
  name: string
  kind: 'home_visit' | 'legal' | 'mediation' | 'venue' | 'errand' | 'volunteer'
  description: string
  /** Rules: how far ahead one may book and how many per household. */
  bookAheadDays: number
  perHouseholdLimit: number
}

export interface Slot {
  id: Id
  serviceId: Id
  startsAt: Instant
  endsAt: Instant
  capacity: number
  seatsLeft: number
  waitlist: number
}

export type BookingStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in' | 'no_show'

export interface Booking {
  id: Id
  serviceId: Id
  slotId: Id
  userId: Id
  status: BookingStatus
  checkInCode?: string
  cancelReason?: string
  createdAt: Instant
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
