import type { Building, Category, Community, Department, Grid, HouseholdTag, Id, Message, ModerationMark, Report, Role, TimelineEvent, User } from '../../../types/domain'
import type {
  AcknowledgementRecord,
  BallotReceipt,
  BookingRecord,
  ClaimRecord,
  ContributionRecord,
  ConventionRecord,
  ConventionVersionRecord,
  CosignRecord,
  DisclosureRecord,
  Home,
  InviteRecord,
  Keyset,
  MinutesRecord,
  NewMessage,
  PhotoCheckState,
  PhotoRecord,
  ProgressRecord,
  ProposalRecord,
  RatingRecord,
  ReplyTemplate,
  ServiceRecord,
  StoredNotice,
  SummaryRow,
  VoteRecord,
  WriteKeyRecord,
  ModerationRecord,
  AuditRecord,
} from '../../core/ports'
import { compareCodePoints as compareText } from '../../domain/inbox'
import { maskPhone } from '../../domain/text'

/**
 * The memory store's rows as kept, and what turns them into answers: copies (nothing a caller
 * holds is ever an object the store keeps), instants normalised as the database writes them, the
 * SQL store's order, and the conversions between rows and what the ports hand in and out.
 */

// ── the rows as kept ─────────────────────────────────────────────────────────────────────────

export interface StreetRow {
  id: Id
  name: string
  district: string
  createdAt: string
}
/** A community as kept: its street by id (the street's name is the street row's, as the SQL joins it). */
export interface CommunityRow extends Omit<Community, 'streetName'> {
  joinCode: string
  reportPrefix: string
  reportSeq: number
  createdAt: string
}
/** The structure's rows keep their place in the community's order (the SQL's `position`). */
export type GridRow = Grid & { position: number }
export type BuildingRow = Building & { position: number }
export type DepartmentRow = Department & { position: number }
export type CategoryRow = Category & { communityId: Id; position: number }
export type TemplateRow = ReplyTemplate & { communityId: Id; position: number }
export interface UserRow {
  id: Id
  /** Null: in no community (a newcomer, a street officer, a deleted account). */
  communityId: Id | null
  /** street_staff: the street they serve. */
  streetId?: Id
  name: string
  phone: string
  roles: Role[]
  /** The verified household only. */
  home?: Home
  /** Since when they are a verified member of `home`. */
  homeSince?: string
  /** The household's 户代表. */
  representative: boolean
  gridIds: Id[]
  leadsBuildingIds: Id[]
  description: string
  demo: boolean
  openid?: string
  createdAt: string
  /** Set when the account was deleted (the row stays, with nothing personal in it). */
  deletedAt?: string
}
/** A household claim as kept (the building's name is the building row's). */
export type ClaimRow = Omit<ClaimRecord, 'buildingName'>
export type InviteRow = InviteRecord
export type PhotoRow = PhotoRecord & { createdAt: string }
/**
 * A photo's content check (issue 13), beside its row (a photo without one passed: it was never
 * checked, like the SQL column's existing rows).
 */
export interface PhotoCheckRow {
  id: Id
  state: PhotoCheckState
  traceId?: string
  reason?: string
  at: string
}
export interface MeTooRow {
  reportId: Id
  userId: Id
  at: string
}
export type MessageRow = NewMessage & { seq: number }
export interface ThreadReadRow {
  userId: Id
  threadId: Id
  lastSeq: number
  readAt: string
}
export interface NoticeReadRow {
  noticeId: Id
  userId: Id
  at: string
}
export interface CounterRow {
  name: string
  value: number
}

/** The key of a row keyed by two columns (a composite primary key). */
export const pair = (a: string, b: string) => `${a}\u0000${b}`

/** The key of a row keyed by several columns (a composite primary key). */
export const tuple = (...parts: Array<string | number>) => parts.map(String).join('\u0000')

// ── conventions and consultation (issue 11) ──────────────────────────────────────────────────

/** A community's consultation settings (the proposals' threshold and window). */
export interface ConsultationSettingsRow {
  communityId: Id
  proposalThreshold: number
  proposalWindowDays: number
  updatedAt: string
}
export type WriteKeyRow = WriteKeyRecord
export type ConventionRow = ConventionRecord
export type ConventionVersionRow = ConventionVersionRecord
export type AcknowledgementRow = AcknowledgementRecord
export type ProposalTableRow = ProposalRecord
export type CosignRow = CosignRecord
export type MinutesRow = MinutesRecord
export type ProgressRow = ProgressRecord
export type RatingRow = RatingRecord
export type ContributionRow = ContributionRecord
export type VoteRow = VoteRecord
/** A household on a vote's roll (eligible when the vote opened). */
export interface RollRow {
  voteId: Id
  buildingId: Id
  room: string
}
export type ReceiptRow = BallotReceipt
/** A ballot's choice, kept apart from its receipt: it names no household, and its id is random. */
export interface BallotRow {
  id: Id
  voteId: Id
  optionId: Id
}
export type DisclosureRow = DisclosureRecord
export interface DisclosureReadRow {
  disclosureId: Id
  userId: Id
  at: string
}

// ── service booking (issue 12) ───────────────────────────────────────────────────────────────

export type ServiceRow = ServiceRecord
/** A household's tags: one row per household, the tags in the order saved. */
export interface HouseholdTagRow {
  communityId: Id
  buildingId: Id
  room: string
  tags: HouseholdTag[]
  updatedAt: string
  updatedById: Id
}
export type BookingRow = BookingRecord
/**
 * A durable job: queued (no worker), leased (`worker` until `leaseUntil`), done (`doneAt`) or
 * given up (`givenUp`, with its last error). No slot-lock rows: see the BookingRepository's `lockSlot`.
 */
export interface JobRow {
  id: Id
  kind: string
  key: string
  runAt: string
  payload: Record<string, unknown>
  attempts: number
  worker?: string
  leaseUntil?: string
  error?: string
  doneAt?: string
  givenUp?: boolean
}

// ── content security (issue 13) ──────────────────────────────────────────────────────────────

export type ModerationItemRow = ModerationRecord
export type AuditRow = AuditRecord

// ── copies and normal forms ──────────────────────────────────────────────────────────────────

/** A deep copy of a JSON row (rows hold only JSON values; `undefined` fields vanish, as in SQL). */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** An object without its `undefined` fields (optional fields are absent, as the SQL rows answer). */
export function defined<T extends object>(value: T): T {
  const out = {} as Record<string, unknown>
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) out[key] = v
  return out as T
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** An instant as `toISOString` writes it (what the database answers), so text order is time order. */
export function instant(value: string): string {
  if (INSTANT.test(value)) return value
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new Error(`memory store: not an instant: ${value}`)
  return new Date(ms).toISOString()
}

export const optionalInstant = (value: string | undefined) => (value === undefined || value === null ? undefined : instant(value))

/** Stored rows carry `undefined` for absent optional fields until copied: answer without them. */
export const answer = <T>(row: T): T => copy(row)

// ── order ────────────────────────────────────────────────────────────────────────────────────

/** Newest first over (createdAt, id), in code-point order (compareNewestFirst's order, as the database sorts). */
export function newestFirst(a: Keyset, b: Keyset): number {
  return compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id)
}

/** Oldest first over (createdAt, id), in code-point order. */
export function oldestFirst(a: Keyset, b: Keyset): number {
  return compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)
}

/** (createdAt, id) < cursor: after the cursor in newest-first order. */
export function beforeKeyset(row: Keyset, cursor: Keyset | null): boolean {
  return !cursor || newestFirst(cursor, row) < 0
}

export function normalizeKeyset(cursor: Keyset | null): Keyset | null {
  return cursor ? { createdAt: instant(cursor.createdAt), id: cursor.id } : null
}

// ── conversions ──────────────────────────────────────────────────────────────────────────────

export function toUser(u: UserRow): User {
  return {
    id: u.id,
    name: u.name,
    phoneMasked: maskPhone(u.phone),
    roles: [...u.roles],
    communityId: u.communityId ?? null,
    ...(u.streetId ? { streetId: u.streetId } : {}),
    ...(u.home ? { home: { buildingId: u.home.buildingId, room: u.home.room } } : {}),
    gridIds: [...u.gridIds],
    leadsBuildingIds: [...u.leadsBuildingIds],
  }
}

/** A report as stored and answered: photos by id only (`url: ''`), optional fields absent, instants normalised. */
export function reportRow(r: Report): Report {
  const row: Report = {
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    gridId: r.gridId,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    description: r.description,
    photos: r.photos.map((p) => ({ id: p.id, url: '' })),
    location: copy(r.location),
    anonymous: r.anonymous,
    reporterId: r.reporterId,
    reporterName: r.reporterName,
    status: r.status,
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
    deadlineAt: instant(r.deadlineAt),
    escalated: r.escalated,
    reopenCount: r.reopenCount,
    meTooCount: r.meTooCount,
    version: r.version,
  }
  return defined(Object.assign(row, optionalReportFields(r), {
    moderation: r.moderation ? moderationRow(r.moderation) : undefined,
    buildingId: r.buildingId ?? undefined,
    filedBy: r.filedBy ? { id: r.filedBy.id, name: r.filedBy.name ?? '' } : undefined,
    beneficiary: r.beneficiary
      ? {
          buildingId: r.beneficiary.buildingId,
          room: r.beneficiary.room ?? '',
          ...(r.beneficiary.name ? { name: r.beneficiary.name } : {}),
          ...(r.beneficiary.phoneMasked ? { phoneMasked: r.beneficiary.phoneMasked } : {}),
        }
      : undefined,
  }) as Report)
}

/** The fields a move may change (what the SQL UPDATE writes), present only when set. */
export function optionalReportFields(r: Report): Partial<Report> {
  return {
    assignee: r.assignee ? copy(r.assignee) : undefined,
    acceptedAt: optionalInstant(r.acceptedAt),
    resolvedAt: optionalInstant(r.resolvedAt),
    rating: r.rating ? copy(r.rating) : undefined,
    mergedIntoId: r.mergedIntoId ?? undefined,
  }
}

export function eventRow(e: TimelineEvent): TimelineEvent {
  return {
    id: e.id,
    reportId: e.reportId,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    at: instant(e.at),
    ...(e.note !== undefined && e.note !== null ? { note: e.note } : {}),
    ...(e.assignee ? { assignee: { kind: e.assignee.kind, id: e.assignee.id, name: e.assignee.name } } : {}),
    photos: e.photos.map((p) => ({ id: p.id, url: '' })),
    public: e.public,
  }
}

export const reporterColumn = (r: Report): Id | null => (r.reporterId.startsWith('home:') ? null : r.reporterId)

export const forHousehold = (r: Report, home: Home | undefined) =>
  Boolean(home && r.beneficiary && r.beneficiary.buildingId === home.buildingId && r.beneficiary.room === home.room)

export function summaryRow(r: Report): SummaryRow {
  const row: SummaryRow = {
    id: r.id,
    number: r.number,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    description: r.description,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deadlineAt: r.deadlineAt,
    escalated: r.escalated,
    gridId: r.gridId,
    anonymous: r.anonymous,
    reporterName: r.reporterName,
    meTooCount: r.meTooCount,
    reopenCount: r.reopenCount,
    photoCount: r.photos.length,
  }
  if (r.moderation) row.moderation = moderationRow(r.moderation)
  if (r.photos[0]) row.firstPhotoId = r.photos[0].id
  return row
}

/** A moderation mark as kept (issue 13): held, or rejected with its reason. */
export function moderationRow(m: ModerationMark): ModerationMark {
  return m.status === 'held' ? { status: 'held' } : { status: 'rejected', reason: m.reason }
}

export function toMessage(m: MessageRow): Message {
  return {
    id: m.id,
    threadId: m.threadId,
    authorId: m.authorId,
    authorName: m.authorName,
    authorRole: m.authorRole,
    body: m.body,
    at: m.at,
    ...(m.moderation ? { moderation: moderationRow(m.moderation) } : {}),
  }
}

export function noticeRow(n: StoredNotice): StoredNotice {
  if (n.scope.kind === 'buildings' && n.scope.buildingIds.length === 0) throw new Error('memory store: a building notice names no building')
  return {
    id: n.id,
    communityId: n.communityId,
    scope: n.scope.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...n.scope.buildingIds] },
    title: n.title,
    body: n.body,
    urgent: n.urgent,
    pinned: n.pinned,
    ...(n.expiresAt !== undefined && n.expiresAt !== null ? { expiresAt: instant(n.expiresAt) } : {}),
    publishedAt: instant(n.publishedAt),
    authorId: n.authorId,
    authorName: n.authorName,
    ...(n.moderation ? { moderation: moderationRow(n.moderation) } : {}),
  }
}
