/**
 * Request shapes of the ApiClient port: what the app sends. Shared with the server so the two
 * cannot drift (issue 3 derives the HTTP schemas from the same words).
 */
import type {
  Assignee,
  AuditAction,
  AuditSubjectKind,
  ConventionKind,
  DisclosureCategory,
  DisclosurePeriod,
  FinanceTable,
  Id,
  MajorityRule,
  Notice,
  PhoneRevealReason,
  RatingLevel,
  ReportAnswers,
  ReportLocation,
  ReportStatus,
  Service,
  ServiceKind,
  HouseholdTag,
  BookingQuestion,
  BookingRules,
  OpeningHours,
  ScheduleException,
  Stance,
} from './domain'

export interface NewReportInput {
  categoryId: Id
  description: string
  /** Ids returned by `media.uploadPhoto`, in display order. */
  photoIds: Id[]
  location: ReportLocation
  anonymous: boolean
  /**
   * The building the problem is at: the report goes to that building's grid. Absent: the reporter's
   * home building (代报: the household's). Staff re-route with the `transfer` move.
   */
  buildingId?: Id
  /** 代报: filed by a building leader or staff member for a neighbour's household. */
  onBehalfOf?: { buildingId: Id; room: string; name?: string; phone?: string }
  /** Answers to the category's extra questions (`reports.questions`); absent when it has none. */
  answers?: ReportAnswers
}

/** A photo on the device, before upload: a temp/saved file path (weapp) or a data URL (H5). */
export interface LocalPhoto {
  path: string
  bytes?: number
  width?: number
  height?: number
}

export interface PageQuery {
  cursor?: string
  /** 1..50, default 20. */
  limit?: number
}

export interface InboxQuery extends PageQuery {
  status?: ReportStatus[]
  categoryId?: Id
  gridId?: Id
  overdueOnly?: boolean
  escalatedOnly?: boolean
}

export interface RatingInput {
  level: RatingLevel
  comment: string
}

export interface NoteInput {
  note?: string
  photoIds?: Id[]
}

export interface AssignInput extends NoteInput {
  assignee: Pick<Assignee, 'kind' | 'id'>
}

export interface TransferInput extends NoteInput {
  target: { kind: 'grid'; id: Id } | { kind: 'department'; id: Id }
}

export interface MergeInput extends NoteInput {
  intoReportId: Id
}

/** Why a handler asks for the full number of whom to call (recorded in the audit log). */
export interface PhoneRevealInput {
  reason: PhoneRevealReason
  /** A few words of one's own (at most 100 characters). */
  note?: string
}

export interface RejectInput {
  reason: string
}

export interface NoticeInput {
  title: string
  body: string
  scope: Notice['scope']
  urgent: boolean
  pinned: boolean
  expiresAt?: string
}

export interface TimeRange {
  from: string
  to: string
}

export interface ServiceQuery {
  kind?: ServiceKind
  /** Staff: drafts and retired services too. */
  all?: boolean
}

/** A service as staff write it (publish and edit). */
export interface ServiceInput {
  name: string
  kind: ServiceKind
  description: string
  location: Service['location']
  provider: string
  durationMinutes: number
  bufferMinutes: number
  capacity: number
  eligibility: HouseholdTag[]
  questions: BookingQuestion[]
  requiresConfirmation: boolean
  rules: BookingRules
  hours: OpeningHours[]
  exceptions: ScheduleException[]
  status: Service['status']
}

/** The Beijing days to show slots for (YYYY-MM-DD, `from` to `to` inclusive, at most 31 days). */
export interface SlotQuery {
  from: string
  to: string
}

export interface BookingInput {
  serviceId: Id
  startsAt: string
  /** Answers by question id. */
  answers: Record<string, string>
  /** A full slot: join its waitlist instead of being refused. */
  waitlist?: boolean
  /** Staff booking on a resident's behalf (代约): who it is for. */
  forUserId?: Id
}

export interface CancelInput {
  reason: string
}

export interface RescheduleInput {
  startsAt: string
}

export interface CheckInInput {
  /** The 6-digit code, typed or scanned (a scanned QR gives `linli:checkin:<bookingId>:<code>`). */
  code: string
  /** A typed code is looked up among this service's bookings of today (staff on its day page). */
  serviceId?: Id
}

export interface BookingRatingInput {
  stars: number
  comment: string
}

/** Staff: one day's or one month's bookings, of one service or all. */
export interface BookingExportQuery {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string
  serviceId?: Id
}

export interface HouseholdTagsInput {
  buildingId: Id
  room: string
  tags: HouseholdTag[]
}

// ── Conventions and consultation ─────────────────────────────────────────────────────────────

/** An article as written in a draft: `id` keeps an existing article (amended or not); absent, a new one. */
export interface ArticleInput {
  id?: Id
  title: string
  text: string
}

/** A new convention with its first version (staff). */
export interface ConventionInput {
  kind: ConventionKind
  title: string
  /** 微公约: 1–50 buildings of the community; the community's kinds take none. */
  buildingIds: Id[]
  articles: ArticleInput[]
  changeNote: string
  /** Publish the first version at once (effective from `effectiveFrom`, default now), or keep it a draft. */
  publish: boolean
  effectiveFrom?: string
}

/** The next version of a convention, as a draft (to publish or to put to a vote). */
export interface ConventionDraftInput {
  articles: ArticleInput[]
  changeNote: string
}

export interface ProposalInput {
  title: string
  body: string
  /** Ids from `media.uploadPhoto`, at most 9. */
  photoIds: Id[]
  /** The article it would change, and the wording proposed. */
  article?: { conventionId: Id; articleId: Id; proposedText: string }
}

export interface ProposalQuery extends PageQuery {
  /** Default: every status. `open`: collecting or on the agenda. */
  filter?: 'open' | 'mine' | 'unanswered' | 'decided'
}

export type ProposalAnswerInput =
  | { kind: 'agenda'; reason: string }
  | { kind: 'declined'; reason: string }
  | { kind: 'merged'; reason: string; intoProposalId: Id }

export interface ContributionInput {
  body: string
  /** Required on a top-level contribution to a proposal or an article; not on replies or disclosure questions. */
  stance?: Stance
  parentId?: Id
}

export interface MinutesInput {
  text: string
  photoIds: Id[]
}

export interface ProgressInput {
  percent: number
  text: string
  photoIds: Id[]
  /** Who carries it out (required on the first update; may change later). */
  responsible?: string
}

export interface VoteInput {
  title: string
  description: string
  kind: 'approval' | 'choice'
  /** `choice` votes: 2–10 labels; `approval` votes take none (同意 / 不同意 / 弃权). */
  options: string[]
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: Id[] }
  /** Open until (from 1 hour to 60 days ahead). */
  closesAt: string
  quorumPercent: number
  majority: MajorityRule
  publicityDays: number
  /** What it decides: a proposal on the agenda, or a convention's draft (at most one of them, or neither). */
  proposalId?: Id
  conventionId?: Id
}

export interface PaperBallotInput {
  buildingId: Id
  room: string
  optionId: Id
  /** Who handed it in (e.g. 李奶奶本人 / 其子代填), for the record. */
  note: string
}

export interface DisclosureInput {
  category: DisclosureCategory
  period: DisclosurePeriod
  title: string
  body: string
  photoIds: Id[]
  /** 财务公开 only, and required there. */
  finance?: FinanceTable
}

export interface DisclosureQuery extends PageQuery {
  category?: DisclosureCategory
}

/** The moderation queue (staff, admins): held texts of my community, oldest first. */
export type ModerationQuery = PageQuery

/** The audit log, newest first: staff and admins read their community's; a street officer names one of the street's. */
export interface AuditQuery extends PageQuery {
  communityId?: Id
  action?: AuditAction
  subjectKind?: AuditSubjectKind
  subjectId?: Id
}
