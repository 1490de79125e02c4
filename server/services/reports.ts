import type { AssignInput, InboxQuery, MergeInput, NewReportInput, PageQuery, RatingInput, TransferInput } from '../../types/api'
import type { Assignee, Building, Page, Photo, Report, ReportDetail, ReportStatus, ReportSummary, TimelineEvent } from '../../types/domain'
import { displayRole, hasRole, isHandler, type Actor } from '../../src/domain/actor'
import { beneficiaryOf, refuseFileOnBehalf, validateOnBehalf } from '../../src/domain/assisted'
import { deadlineFor } from '../../src/domain/deadline'
import { fingerprint } from '../../src/domain/fingerprint'
import { allowedMoves, canReadReport, isReporter, refuseMove, type Refusal } from '../../src/domain/permissions'
import { decideMove, type MoveInput } from '../../src/domain/report-moves'
import { isTerminal, REPORT_STATUSES, type ReportMove } from '../../src/domain/report-status'
import { decodeCursor, encodeCursor, summarize, viewReport, viewTimeline } from '../../src/domain/report-views'
import { cleanText } from '../../src/domain/text'
import { hasErrors, LIMITS, validateNewReport } from '../../src/domain/validation'
import type { Database, Queryable } from '../db/driver'
import { badRequest, conflict, forbidden, HttpError, notFound, ruleViolation } from '../errors'
import { randomId } from '../ids'
import * as directory from '../repositories/directory'
import { findPhotos } from '../repositories/photos'
import * as repo from '../repositories/reports'
import { findFollowers, findResidentAt, findUser } from '../repositories/users'
import { silentNotifier, type Notifier, type NotifierLog } from '../notifications/notifier'
import type { Caller } from './caller'

/** A move request as it arrives: ids, not records (the memory backend's RawMoveInput). */
export interface RawMoveInput {
  note?: string
  reason?: string
  photoIds?: string[]
  assignee?: AssignInput['assignee']
  target?: TransferInput['target']
  intoReportId?: MergeInput['intoReportId']
  rating?: RatingInput
}

const NOT_READABLE = '诉求不存在或您无权查看'
const DEFAULT_PAGE = 20

export interface ReportServiceOptions {
  /** Told after each move that changes a report's status (default: nobody). */
  notifier?: Notifier
  /** Where a failing notifier is reported. */
  log?: Pick<NotifierLog, 'warn'>
}

/**
 * The report part of Linli on SQL: the same rules, error kinds and answers as the memory backend
 * (src/api/memory/backend.ts), each change in one transaction.
 */
export class ReportService {
  private readonly notifier: Notifier
  private readonly log: Pick<NotifierLog, 'warn'>

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    options: ReportServiceOptions = {},
  ) {
    this.notifier = options.notifier ?? silentNotifier
    this.log = options.log ?? { warn: () => undefined }
  }

  // ── submit ────────────────────────────────────────────────────────────────────────────────

  /**
   * File a report under an idempotency key. Same caller + key + body → the original report
   * (`created: false`); same key with another body → 422. The key is claimed in the transaction that
   * creates the report, so concurrent retries produce exactly one.
   */
  async submit(caller: Caller, input: NewReportInput, key: string): Promise<{ report: Report; created: boolean }> {
    // The route's schema refuses the field (400); a caller in code gets the memory backend's answer.
    if (input.onBehalfOf !== undefined) throw ruleViolation({ onBehalfOf: '代报请使用代报入口' })
    return this.file(caller, input, key)
  }

  /**
   * 代报: a building leader (for the buildings they lead) or staff (any building of the community)
   * files for a household, under an idempotency key like any submission. Who may file is decided
   * before the body is looked at (403 before 422).
   */
  async submitOnBehalf(caller: Caller, input: NewReportInput & { onBehalfOf: NonNullable<NewReportInput['onBehalfOf']> }, key: string) {
    const { actor } = caller
    if (!hasRole(actor, 'staff') && !hasRole(actor, 'building_leader')) throw forbidden('只有楼栋长和社区工作者可以代报')
    return this.file(caller, input, key)
  }

  private async file(caller: Caller, input: NewReportInput, key: string): Promise<{ report: Report; created: boolean }> {
    const print = fingerprint(input)
    const earlier = await repo.findIdempotencyKey(this.db, caller.actor.id, key)
    if (earlier) return { report: await this.replay(this.db, caller, earlier, print), created: false }

    const at = this.now()
    return this.db.transaction(async (tx) => {
      const reportId = randomId('r')
      // Validate before claiming, so a refused body does not use the key up (the app retries with a new key).
      const draft = await prepareReport(tx, caller.actor, input, at, reportId)
      const claimed = await repo.claimIdempotencyKey(tx, { userId: caller.actor.id, key, fingerprint: print, reportId, at: at.toISOString() })
      if (!claimed) {
        const winner = await repo.findIdempotencyKey(tx, caller.actor.id, key)
        if (!winner) throw new HttpError('conflict', '提交冲突，请重试')
        return { report: await this.replay(tx, caller, winner, print), created: false }
      }
      const report = await insertPrepared(tx, draft)
      return { report: await this.withPhotos(tx, caller, report), created: true }
    })
  }

  private async replay(q: Queryable, caller: Caller, earlier: { fingerprint: string; reportId: string }, print: string): Promise<Report> {
    if (earlier.fingerprint !== print) throw ruleViolation({ idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' })
    const original = await repo.findReport(q, earlier.reportId)
    if (!original) throw notFound(NOT_READABLE)
    return this.withPhotos(q, caller, original)
  }

  // ── read ──────────────────────────────────────────────────────────────────────────────────

  async listMine(caller: Caller, query: PageQuery): Promise<Page<ReportSummary>> {
    const { actor } = caller
    // Mine: what I reported, what I filed for a neighbour (代报), and what was filed for my household.
    return this.page(caller, { mine: { userId: actor.id, communityId: actor.communityId, home: actor.home } }, query, false)
  }

  async listPublic(caller: Caller, query: PageQuery & { categoryId?: string }): Promise<Page<ReportSummary>> {
    return this.page(caller, { communityId: caller.actor.communityId, open: true, categoryId: query.categoryId }, query, true)
  }

  private async page(caller: Caller, filter: Parameters<typeof repo.listReportsPage>[1], query: PageQuery, asViewer: boolean): Promise<Page<ReportSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE
    const cursor = query.cursor === undefined ? null : parseKeyset(query.cursor)
    if (!asViewer) {
      // My own reports: nothing to hide, so the rows go out as read (summary columns only).
      const rows = await repo.listSummariesPage(this.db, filter, cursor, limit + 1)
      const items = rows.slice(0, limit)
      return {
        items: items.map(({ firstPhotoId, ...row }) => (firstPhotoId ? { ...row, thumbnailUrl: caller.photoUrl(firstPhotoId) } : row)),
        ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}),
      }
    }
    const rows = await repo.listReportsPage(this.db, filter, cursor, limit + 1)
    const items = rows.slice(0, limit)
    return {
      items: items.map((r) => summarize(this.withUrls(caller, asViewer ? viewReport(r, caller.actor) : r))),
      ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}),
    }
  }

  async get(caller: Caller, id: string): Promise<ReportDetail> {
    const report = await repo.findReport(this.db, id)
    if (!report || !canReadReport(caller.actor, report)) throw notFound(NOT_READABLE)
    return this.detail(this.db, caller, report)
  }

  private async detail(q: Queryable, caller: Caller, report: Report): Promise<ReportDetail> {
    const events = await repo.listEvents(q, report.id)
    const photos = await findPhotos(q, [...report.photos, ...events.flatMap((e) => e.photos)].map((p) => p.id))
    const resolve = (list: Photo[]) => list.map((p) => this.photo(caller, p.id, photos))
    return {
      report: { ...viewReport(report, caller.actor), photos: resolve(report.photos) },
      timeline: viewTimeline(report, events, caller.actor).map((e) => ({ ...e, photos: resolve(e.photos) })),
      allowedActions: allowedMoves(caller.actor, report),
    }
  }

  private photo(caller: Caller, id: string, known: Map<string, { width?: number; height?: number; bytes: number }>): Photo {
    const meta = known.get(id)
    return { id, url: caller.photoUrl(id), ...(meta ? { bytes: meta.bytes } : {}), ...(meta?.width ? { width: meta.width, height: meta.height } : {}) }
  }

  /** Photo URLs only (lists need no sizes). */
  private withUrls(caller: Caller, report: Report): Report {
    return { ...report, photos: report.photos.map((p) => ({ id: p.id, url: caller.photoUrl(p.id) })) }
  }

  private async withPhotos(q: Queryable, caller: Caller, report: Report): Promise<Report> {
    const photos = await findPhotos(q, report.photos.map((p) => p.id))
    return { ...report, photos: report.photos.map((p) => this.photo(caller, p.id, photos)) }
  }

  // ── 附议 ──────────────────────────────────────────────────────────────────────────────────

  async meToo(caller: Caller, id: string): Promise<ReportSummary> {
    const { actor } = caller
    return this.db.transaction(async (tx) => {
      const report = await repo.findReport(tx, id, { forUpdate: true })
      if (!report || report.communityId !== actor.communityId) throw notFound('诉求不存在')
      if (isReporter(actor, report)) throw conflict('这是您自己提交的诉求')
      if (isTerminal(report.status)) throw conflict('该诉求已结束，无法附议')
      const count = await repo.addMeToo(tx, id, actor.id, this.now().toISOString())
      return summarize(this.withUrls(caller, viewReport({ ...report, meTooCount: count }, actor)))
    })
  }

  // ── handling ──────────────────────────────────────────────────────────────────────────────

  async inbox(caller: Caller, query: InboxQuery & { cursor?: string }): Promise<Page<ReportSummary>> {
    const { actor } = caller
    if (!isHandler(actor)) throw forbidden('只有社区工作者和网格员可以查看工单')
    const limit = query.limit ?? DEFAULT_PAGE
    const offset = query.cursor === undefined ? 0 : /^\d{1,9}$/.test(query.cursor) ? Number(query.cursor) : NaN
    if (!Number.isInteger(offset)) throw badRequest({ cursor: '分页参数无效，请刷新' })
    const rows = await repo.listInbox(
      this.db,
      {
        communityId: actor.communityId,
        gridIds: actor.roles.includes('staff') ? 'all' : actor.gridIds,
        statuses: query.status,
        categoryId: query.categoryId,
        gridId: query.gridId,
        overdueOnly: query.overdueOnly,
        escalatedOnly: query.escalatedOnly,
      },
      this.now().toISOString(),
      offset,
      limit + 1,
    )
    const items = rows.slice(0, limit).map((r) => summarize(this.withUrls(caller, r)))
    return { items, ...(rows.length > limit ? { nextCursor: String(offset + limit) } : {}) }
  }

  async move(caller: Caller, id: string, move: ReportMove, raw: RawMoveInput): Promise<ReportDetail> {
    const at = this.now()
    const { detail, moved } = await this.db.transaction(async (tx) => {
      const report = await repo.findReport(tx, id, { forUpdate: true })
      if (!report || !canReadReport(caller.actor, report)) throw notFound(NOT_READABLE)
      const moved = await applyMoveWithEvent(tx, caller.actor, report, move, raw, at)
      return { detail: await this.detail(tx, caller, moved.report), moved }
    })
    await this.announce(caller.actor, moved.report, moved.event)
    return detail
  }

  /**
   * After a committed move that changed the status: tell the people who follow the report (its
   * reporter, the residents of the household it was filed for, its filer), not the one who moved
   * it. Internal steps are not announced. The notifier is called without waiting for it: its
   * failure (or slowness) is logged and never reaches the request.
   */
  private async announce(actor: Actor, report: Report, event: TimelineEvent): Promise<void> {
    if (event.fromStatus === event.toStatus || !event.public) return
    let followers: Array<{ id: string; openid?: string }>
    try {
      followers = await findFollowers(this.db, report)
    } catch (error) {
      this.log.warn({ err: error, reportId: report.id }, 'notify: could not read who follows the report')
      return
    }
    for (const follower of followers) {
      if (follower.id === actor.id) continue
      const change = {
        recipient: { userId: follower.id, ...(follower.openid ? { openid: follower.openid } : {}) },
        report: { id: report.id, number: report.number, categoryName: report.categoryName, description: report.description },
        move: event.action,
        from: event.fromStatus,
        to: event.toStatus,
        at: event.at,
        ...(event.note ? { note: event.note } : {}),
      }
      const failed = (error: unknown) =>
        this.log.warn({ err: error, userId: follower.id, reportId: report.id, move: event.action }, 'notify: the notifier failed (the move stands)')
      try {
        this.notifier.notify(change).catch(failed)
      } catch (error) {
        failed(error)
      }
    }
  }

  async replyTemplates(caller: Caller): Promise<Array<{ id: string; title: string; text: string }>> {
    if (!isHandler(caller.actor)) throw forbidden()
    return directory.listReplyTemplates(this.db, caller.actor.communityId)
  }
}

// ── the steps, shared by requests and the seed ──────────────────────────────────────────────

interface PreparedReport {
  report: Report
  submitEvent: TimelineEvent
}

/** Check a new report against the domain's rules and build it (nothing written yet). */
async function prepareReport(q: Queryable, actor: Actor, input: NewReportInput, at: Date, id: string): Promise<PreparedReport> {
  const behalf = input.onBehalfOf
  let building: Building | null
  let household: { reporterId: string; reporterName: string } | null = null
  if (behalf) {
    // 代报: refused outright outside the filer's buildings (403), before the body's rules (422).
    building = (await directory.listBuildings(q, actor.communityId)).find((b) => b.id === behalf.buildingId) ?? null
    const refusal = building ? refuseFileOnBehalf(actor, building) : null
    if (refusal) throw forbidden(refusal.message)
  } else {
    // Routed to the grid of the reporter's home; staff transfer it if it belongs elsewhere.
    const user = await findUser(q, actor.id)
    building = user?.home ? await directory.findBuilding(q, user.home.buildingId) : null
  }
  const categories = await directory.listCategories(q, actor.communityId)
  const errors = {
    ...validateNewReport({ ...input, photoCount: input.photoIds.length }, categories),
    ...(behalf ? validateOnBehalf(behalf, await directory.listBuildings(q, actor.communityId)) : {}),
  }
  if (hasErrors(errors)) throw ruleViolation(errors)
  if (behalf) {
    // The report belongs to the household: to the first resident registered there, else to the home itself.
    const resident = await findResidentAt(q, actor.communityId, behalf.buildingId, behalf.room)
    household = {
      reporterId: resident?.id ?? repo.householdReporterId(behalf.buildingId, behalf.room),
      reporterName: resident?.name ?? beneficiaryOf(behalf).name ?? '住户',
    }
  }
  const photos = await ownPhotos(q, actor, input.photoIds, 'photos')
  const category = categories.find((c) => c.id === input.categoryId)!
  const gridId = building?.gridId ?? (await directory.listGrids(q, actor.communityId))[0]?.id
  if (!gridId) throw new HttpError('not_supported', '社区尚未划分网格，暂不能提交诉求')
  const createdAt = at.toISOString()
  const report: Report = {
    id,
    number: '',
    communityId: actor.communityId,
    gridId,
    ...(building ? { buildingId: building.id } : {}),
    categoryId: category.id,
    categoryName: category.name,
    description: cleanText(input.description),
    photos,
    location: input.location.kind === 'text' ? { kind: 'text', address: cleanText(input.location.address) } : input.location,
    anonymous: input.anonymous,
    // 代报: the household is the reporter (whoever lives there counts, permissions.isReporter); the filer is filedBy.
    reporterId: household?.reporterId ?? actor.id,
    reporterName: household?.reporterName ?? actor.name,
    ...(behalf ? { filedBy: { id: actor.id, name: actor.name }, beneficiary: beneficiaryOf(behalf) } : {}),
    status: 'submitted',
    createdAt,
    updatedAt: createdAt,
    deadlineAt: deadlineFor(createdAt, category.deadlineHours),
    escalated: false,
    reopenCount: 0,
    meTooCount: 0,
    version: 1,
  }
  const submitEvent: TimelineEvent = {
    id: randomId('e'),
    reportId: id,
    action: 'submit',
    fromStatus: null,
    toStatus: 'submitted',
    actorId: actor.id,
    actorName: actor.name,
    actorRole: behalf ? displayRole(actor) : 'resident',
    at: createdAt,
    ...(behalf && building ? { note: `代${building.name}${behalf.room}住户反映` } : {}),
    photos: [],
    public: true,
  }
  return { report, submitEvent }
}

async function insertPrepared(q: Queryable, prepared: PreparedReport): Promise<Report> {
  const report = { ...prepared.report, number: await repo.nextReportNumber(q, prepared.report.communityId, prepared.report.createdAt) }
  await repo.insertReport(q, report)
  await repo.insertEvent(q, prepared.submitEvent)
  return report
}

/** Create a report (no idempotency key): the seed's path. */
export async function createReport(q: Queryable, actor: Actor, input: NewReportInput, at: Date): Promise<Report> {
  return insertPrepared(q, await prepareReport(q, actor, input, at, randomId('r')))
}

/**
 * Make a move on a report locked by the caller's transaction: who may act is decided before the
 * request's contents are looked at (a resident gets 403, not 422), then the domain decides.
 */
export async function applyMove(q: Queryable, actor: Actor, report: Report, move: ReportMove, raw: RawMoveInput, at: Date): Promise<Report> {
  return (await applyMoveWithEvent(q, actor, report, move, raw, at)).report
}

/** `applyMove`, also answering the timeline event it wrote. */
export async function applyMoveWithEvent(
  q: Queryable,
  actor: Actor,
  report: Report,
  move: ReportMove,
  raw: RawMoveInput,
  at: Date,
): Promise<{ report: Report; event: TimelineEvent }> {
  const refusal = refuseMove(actor, report, move)
  if (refusal) throw refusalError(refusal)
  const input = await resolveMoveInput(q, actor, report, raw)
  const outcome = decideMove(actor, report, move, input, at)
  if (!outcome.ok) {
    const v = outcome.violation
    throw v.code === 'validation' ? ruleViolation(v.fields, v.message) : refusalError(v)
  }
  if (!(await repo.updateReport(q, outcome.report, report.version))) throw conflict()
  const event = { ...outcome.event, id: randomId('e') }
  await repo.insertEvent(q, event)
  return { report: outcome.report, event }
}

/** Turn ids in a request into the names and records a move carries; unknown ids are field errors. */
async function resolveMoveInput(q: Queryable, actor: Actor, report: Report, raw: RawMoveInput): Promise<MoveInput> {
  const input: MoveInput = { note: raw.note, reason: raw.reason, rating: raw.rating, intoReportId: raw.intoReportId }
  input.deadlineHours = (await directory.listCategories(q, report.communityId)).find((c) => c.id === report.categoryId)?.deadlineHours
  input.photos = await ownPhotos(q, actor, raw.photoIds ?? [], 'photoIds')
  if (raw.assignee) input.assignee = await resolveAssignee(q, report, raw.assignee)
  if (raw.target) {
    if (raw.target.kind === 'grid') {
      const grid = (await directory.listGrids(q, report.communityId)).find((g) => g.id === raw.target!.id)
      if (!grid) throw ruleViolation({ target: '网格不存在' })
      input.target = { kind: 'grid', id: grid.id }
    } else {
      const dept = (await directory.listDepartments(q, report.communityId)).find((d) => d.id === raw.target!.id)
      if (!dept) throw ruleViolation({ target: '部门不存在' })
      input.target = { kind: 'department', id: dept.id, name: dept.name }
    }
  }
  if (raw.intoReportId) {
    const into = await repo.findReport(q, raw.intoReportId)
    if (!into || into.communityId !== report.communityId || isTerminal(into.status)) {
      throw ruleViolation({ intoReportId: '要合并到的诉求不存在或已结束' })
    }
  }
  return input
}

async function resolveAssignee(q: Queryable, report: Report, raw: Pick<Assignee, 'kind' | 'id'>): Promise<Assignee> {
  if (raw.kind === 'department') {
    const dept = (await directory.listDepartments(q, report.communityId)).find((d) => d.id === raw.id)
    if (!dept) throw ruleViolation({ assignee: '部门不存在' })
    return { kind: 'department', id: dept.id, name: dept.name }
  }
  const user = await findUser(q, raw.id)
  const canTake =
    user &&
    user.communityId === report.communityId &&
    (user.roles.includes('staff') || (user.roles.includes('grid_worker') && user.gridIds.includes(report.gridId)))
  if (!user || !canTake) throw ruleViolation({ assignee: '只能派给本网格的网格员或社区工作者' })
  return { kind: 'user', id: user.id, name: user.name }
}

/** Photos the actor uploaded, in the order given; anything else is a field error. */
async function ownPhotos(q: Queryable, actor: Actor, ids: readonly string[], field: string): Promise<Photo[]> {
  if (ids.length > LIMITS.photosMax) throw ruleViolation({ [field]: `最多上传${LIMITS.photosMax}张照片` })
  const found = await findPhotos(q, ids)
  return ids.map((id) => {
    const meta = found.get(id)
    if (!meta || meta.ownerId !== actor.id) throw ruleViolation({ [field]: '照片已失效，请重新选择' })
    return { id, url: '' }
  })
}

/** forbidden → 403; a move the status does not allow → 409 conflict (someone else moved it first). */
function refusalError(refusal: Refusal): HttpError {
  return refusal.code === 'forbidden' ? forbidden(refusal.message) : conflict(refusal.message)
}

/** A keyset cursor from the domain's encoding, or a 400: the cursor is the client's to keep, not to make. */
function parseKeyset(cursor: string): repo.Keyset {
  const decoded = decodeCursor(cursor)
  const time = decoded ? Date.parse(decoded.createdAt) : NaN
  const year = new Date(time).getUTCFullYear()
  if (!decoded || !Number.isFinite(time) || year < 1970 || year > 9999 || decoded.id.length > 64) {
    throw badRequest({ cursor: '分页参数无效，请刷新' })
  }
  return { createdAt: new Date(time).toISOString(), id: decoded.id }
}

/** `status=submitted,accepted` → statuses, or a 400. */
export function parseStatuses(value: string | undefined): ReportStatus[] | undefined {
  if (value === undefined || value === '') return undefined
  const list = value.split(',').map((s) => s.trim())
  if (list.some((s) => !REPORT_STATUSES.includes(s as ReportStatus))) throw badRequest({ status: '状态参数无效' })
  return list as ReportStatus[]
}
