import type {
  ModerationMark,
  ConventionArticle,
  ConventionKind,
  DisclosureCategory,
  DisclosurePeriod,
  FinanceTable,
  Id,
  MajorityRule,
  ProposalStatus,
  RatingLevel,
  Stance,
  VoteOption,
} from '../../types/domain'
import type { HouseholdKey } from '../domain/consultation/households'
import type { ModerationViewer } from '../domain/moderation/rules'
import type { Keyset } from './ports'

/**
 * The ports of conventions and consultation (issue 11), shaped by its use cases like the rest of
 * ports.ts. A household is a (buildingId, room) pair; what is "one per household" (co-signs,
 * acknowledgements, ballots, ratings) is a primary key on it, so two writers racing on one household
 * leave exactly one row — the insert answers false to the loser and writes nothing.
 *
 * Instants are ISO strings and come back normalised (`toISOString()` form). Lists say their order;
 * ties break on id (code-point order, as the database sorts text with COLLATE "C").
 */

// ── settings ─────────────────────────────────────────────────────────────────────────────────

export interface SettingsRepository {
  /** The community's settings; null when it never set any (the service falls back to the defaults). */
  find(communityId: Id): Promise<{ proposalThreshold: number; proposalWindowDays: number } | null>
  save(communityId: Id, settings: { proposalThreshold: number; proposalWindowDays: number }, at: string): Promise<void>
}

// ── idempotent creation ──────────────────────────────────────────────────────────────────────

export interface WriteKeyRecord {
  userId: Id
  key: string
  /** What kind of object the key created: `proposal`, `contribution`, `vote`, `disclosure`, `minutes`, `progress`, `convention`. */
  kind: string
  fingerprint: string
  /** The id of what was created. */
  objectId: Id
  at: string
}

export interface WriteKeyRepository {
  find(userId: Id, kind: string, key: string): Promise<WriteKeyRecord | null>
  /**
   * Claim a key for an object about to be created; false when taken. When another transaction is
   * claiming it at this moment, waits for that one to end (so the loser reads the winner's record).
   */
  claim(record: WriteKeyRecord): Promise<boolean>
}

// ── conventions ──────────────────────────────────────────────────────────────────────────────

export interface ConventionRecord {
  id: Id
  communityId: Id
  kind: ConventionKind
  title: string
  /** 微公约: its buildings, in the order given; [] for the community's. */
  buildingIds: Id[]
  createdAt: string
  createdById: Id
  createdByName: string
}

export interface ConventionVersionRecord {
  conventionId: Id
  version: number
  status: 'draft' | 'published' | 'rejected'
  articles: ConventionArticle[]
  changeNote: string
  effectiveFrom?: string
  voteId?: Id
  createdAt: string
  createdByName: string
}

export interface AcknowledgementRecord extends HouseholdKey {
  conventionId: Id
  version: number
  userId: Id
  userName: string
  at: string
}

export interface ConventionRepository {
  insert(convention: ConventionRecord): Promise<void>
  find(id: Id): Promise<ConventionRecord | null>
  /** `find`, holding the convention until the transaction ends: two drafts or publications serialise. */
  findForUpdate(id: Id): Promise<ConventionRecord | null>
  /** A community's conventions, oldest first (createdAt, id). */
  list(communityId: Id): Promise<ConventionRecord[]>
  /** Store a version; false (nothing written) when that version number exists. */
  insertVersion(version: ConventionVersionRecord): Promise<boolean>
  /** Replace a draft's articles and note (the version must exist). */
  replaceDraft(conventionId: Id, version: number, draft: { articles: ConventionArticle[]; changeNote: string; createdAt: string; createdByName: string }): Promise<void>
  /** Change a version's status, with its effective date (published) or its vote (a draft put to a vote); absent fields stay. */
  updateVersion(conventionId: Id, version: number, patch: { status?: 'draft' | 'published' | 'rejected'; effectiveFrom?: string; voteId?: Id }): Promise<void>
  /** The versions of these conventions with their articles, by convention id then version (one statement for any number). */
  listVersions(conventionIds: readonly Id[]): Promise<ConventionVersionRecord[]>
  /** My household acknowledges a version; false when the household already did (the first stands). */
  acknowledge(record: AcknowledgementRecord): Promise<boolean>
  /** The acknowledgements of these (convention, version) pairs, in the order they were made (at, buildingId, room). */
  listAcknowledgements(keys: ReadonlyArray<{ conventionId: Id; version: number }>): Promise<AcknowledgementRecord[]>
}

// ── proposals ────────────────────────────────────────────────────────────────────────────────

export interface ProposalRecord {
  id: Id
  communityId: Id
  authorId: Id
  authorName: string
  /** The author's household when they raised it (co-signs by it are refused). */
  authorHome: HouseholdKey
  authorBuildingName: string
  title: string
  body: string
  photoIds: Id[]
  article?: { conventionId: Id; articleId: Id; proposedText: string }
  /** The community's settings when it was raised. */
  threshold: number
  deadline: string
  status: ProposalStatus
  answer?: { kind: 'agenda' | 'declined' | 'merged'; reason: string; mergedIntoId?: Id; at: string; byId: Id; byName: string }
  voteId?: Id
  responsible?: string
  createdAt: string
  /** Held by the content check, or refused after review (issue 13); absent: published. */
  moderation?: ModerationMark
}

/** A proposal as lists read it: its record and counts, and whether the viewer's household co-signed. */
export interface ProposalRow extends ProposalRecord {
  cosigns: number
  /** Visible top-level and reply contributions of its discussion (hidden, held and refused ones not counted). */
  contributions: number
  cosignedByViewer: boolean
}

export interface ProposalFilter {
  communityId: Id
  statuses?: readonly ProposalStatus[]
  authorId?: Id
  /** Only those staff have not answered yet (no `answer`), whatever the status. */
  unanswered?: boolean
  /**
   * Whose view (`canSeeModerated`): published proposals, the viewer's own, and held ones for a
   * moderator. Absent: published proposals only.
   */
  visibleTo?: ModerationViewer
}

export interface CosignRecord extends HouseholdKey {
  proposalId: Id
  userId: Id
  at: string
}

export interface MinutesRecord {
  id: Id
  proposalId: Id
  text: string
  photoIds: Id[]
  at: string
  byId: Id
  byName: string
}

export interface ProgressRecord extends MinutesRecord {
  percent: number
}

export interface RatingRecord extends HouseholdKey {
  proposalId: Id
  userId: Id
  userName: string
  level: RatingLevel
  comment: string
  at: string
}

export interface ProposalRepository {
  insert(proposal: ProposalRecord): Promise<void>
  /** One proposal with its counts; `viewerHome` decides `cosignedByViewer` (false without one). */
  find(id: Id, viewerHome?: HouseholdKey): Promise<ProposalRow | null>
  /** The record, holding it until the transaction ends: co-signs, answers and votes on one proposal serialise. */
  findForUpdate(id: Id): Promise<ProposalRecord | null>
  /** Newest first (createdAt, id) after `cursor`, at most `limit`. */
  list(filter: ProposalFilter, cursor: Keyset | null, limit: number, viewerHome?: HouseholdKey): Promise<ProposalRow[]>
  /** Write the changing parts of a proposal (absent fields stay). */
  update(id: Id, patch: Partial<Pick<ProposalRecord, 'status' | 'answer' | 'voteId' | 'responsible'>>): Promise<void>
  /** My household co-signs; false when it already did. */
  cosign(record: CosignRecord): Promise<boolean>
  countCosigns(proposalId: Id): Promise<number>
  addMinutes(minutes: MinutesRecord): Promise<void>
  /** Oldest first (at, id). */
  listMinutes(proposalId: Id): Promise<MinutesRecord[]>
  addProgress(progress: ProgressRecord): Promise<void>
  /** Oldest first (at, id). */
  listProgress(proposalId: Id): Promise<ProgressRecord[]>
  /** My household rates; false when it already did. */
  rate(record: RatingRecord): Promise<boolean>
  /** Oldest first (at, buildingId, room). */
  listRatings(proposalId: Id): Promise<RatingRecord[]>
}

// ── deliberation ─────────────────────────────────────────────────────────────────────────────

export interface ContributionRecord {
  id: Id
  communityId: Id
  /** `subjectKey(subject)`: `proposal:…`, `article:…:…`, `disclosure:…`. */
  subjectKey: string
  parentId?: Id
  authorId: Id
  authorName: string
  official: boolean
  stance?: Stance
  body: string
  hidden?: { reason: string; byId: Id; byName: string; at: string }
  createdAt: string
  /** Held by the content check, or refused after review (issue 13); absent: published. */
  moderation?: ModerationMark
}

export interface ContributionRepository {
  insert(contribution: ContributionRecord): Promise<void>
  find(id: Id): Promise<ContributionRecord | null>
  /**
   * A discussion oldest first (createdAt, id) after `cursor`, at most `limit`: what `visibleTo` may
   * see (`canSeeModerated`; absent: published contributions only). Hidden ones are listed (shown as hidden).
   */
  list(subjectKey: string, cursor: Keyset | null, limit: number, visibleTo?: ModerationViewer): Promise<ContributionRecord[]>
  /** Stances of the visible (not hidden, published) top-level contributions of a discussion. */
  countStances(subjectKey: string): Promise<{ for: number; against: number; neutral: number }>
  /** Visible (not hidden, published) contributions (top-level and replies) of each of these subjects; absent keys have none. */
  countMany(subjectKeys: readonly string[]): Promise<Map<string, number>>
  hide(id: Id, hidden: { reason: string; byId: Id; byName: string; at: string }): Promise<void>
}

// ── votes ────────────────────────────────────────────────────────────────────────────────────

export interface VoteRecord {
  id: Id
  communityId: Id
  title: string
  description: string
  kind: 'approval' | 'choice'
  options: VoteOption[]
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: Id[] }
  quorumPercent: number
  majority: MajorityRule
  publicityDays: number
  proposalId?: Id
  convention?: { id: Id; version: number }
  opensAt: string
  closesAt: string
  publishedAt?: string
  publicityEndsAt?: string
  createdAt: string
  createdById: Id
  createdByName: string
}

/**
 * That a household voted, and how the ballot came in — never its choice: the choice is stored apart,
 * in a row that names only the vote and the option, so no query can join the two.
 */
export interface BallotReceipt extends HouseholdKey {
  voteId: Id
  channel: 'phone' | 'paper'
  /** The member who cast it (phone), or the household's name as staff wrote it (paper: `note`). */
  castById?: Id
  castByName: string
  enteredById?: Id
  enteredByName?: string
  at: string
}

export interface VoteRepository {
  /** Store a vote with its roll (the households eligible when it opened, each once). */
  insert(vote: VoteRecord, roll: readonly HouseholdKey[]): Promise<void>
  find(id: Id): Promise<VoteRecord | null>
  /** `find`, holding the vote until the transaction ends: a result's publication and a late ballot serialise. */
  findForUpdate(id: Id): Promise<VoteRecord | null>
  /** A community's votes, newest first (createdAt, id), after `cursor`. */
  list(communityId: Id, cursor: Keyset | null, limit: number): Promise<VoteRecord[]>
  /** Open at `now` (closesAt after it, not published), oldest closing first. */
  listOpen(communityId: Id, now: string): Promise<VoteRecord[]>
  /** Eligible and voted households of each vote (one statement for any number). */
  counts(voteIds: readonly Id[]): Promise<Map<Id, { eligible: number; voted: number }>>
  isOnRoll(voteId: Id, home: HouseholdKey): Promise<boolean>
  /** The votes among these whose roll holds the household (one statement for any number); unknown ids are not in it. */
  onRolls(voteIds: readonly Id[], home: HouseholdKey): Promise<Set<Id>>
  /** The roll with each household's receipt, by building then room (code-point order). */
  listRoll(voteId: Id): Promise<Array<HouseholdKey & { receipt?: BallotReceipt }>>
  /**
   * Cast a household's ballot: its receipt and, apart, one ballot for `optionId` — both, or neither
   * when the household already has a receipt (answers false). Two casts racing: exactly one true.
   */
  cast(receipt: BallotReceipt, optionId: Id): Promise<boolean>
  findReceipt(voteId: Id, home: HouseholdKey): Promise<BallotReceipt | null>
  /** The receipts of these votes for one household (the front door, vote lists), by vote id. */
  findReceipts(voteIds: readonly Id[], home: HouseholdKey): Promise<Map<Id, BallotReceipt>>
  /** Ballots by option id, and how many receipts came on paper. */
  tally(voteId: Id): Promise<{ counts: Map<Id, number>; paper: number }>
  /**
   * `tally` of each of these votes, by vote id (one statement for any number): every vote that exists
   * is in it, ballots or not; as in `tally`, an option nobody chose is absent from its counts.
   */
  tallies(voteIds: readonly Id[]): Promise<Map<Id, { counts: Map<Id, number>; paper: number }>>
  /**
   * The titles of what these votes decide — their proposal's, their convention's — by vote id (one
   * statement for any number). Votes that decide neither, and unknown ids, are not in it.
   */
  subjects(voteIds: readonly Id[]): Promise<Map<Id, { proposalTitle?: string; conventionTitle?: string }>>
  markPublished(id: Id, at: string, publicityEndsAt: string): Promise<void>
}

// ── disclosures ──────────────────────────────────────────────────────────────────────────────

export interface DisclosureRecord {
  id: Id
  communityId: Id
  category: DisclosureCategory
  period: DisclosurePeriod
  title: string
  body: string
  photoIds: Id[]
  finance?: FinanceTable
  publishedAt: string
  authorId: Id
  authorName: string
}

/** A disclosure as read: with whether the viewer read it. */
export interface DisclosureRow extends DisclosureRecord {
  readByViewer: boolean
}

export interface DisclosureRepository {
  insert(disclosure: DisclosureRecord): Promise<void>
  find(id: Id, viewerId: Id): Promise<DisclosureRow | null>
  /** Newest first (publishedAt, id) after `cursor` (its `createdAt` is the publishedAt), optionally of one category. */
  list(filter: { communityId: Id; category?: DisclosureCategory }, cursor: Keyset | null, limit: number, viewerId: Id): Promise<DisclosureRow[]>
  markRead(disclosureId: Id, userId: Id, at: string): Promise<void>
  listReaders(disclosureId: Id): Promise<Set<Id>>
}
