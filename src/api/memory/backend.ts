import type { AssignInput, InboxQuery, LocalPhoto, MergeInput, NewReportInput, PageQuery, RatingInput, TransferInput } from '../../../types/api'
import type { Assignee, DemoAccount, Id, Page, Photo, Report, ReportDetail, ReportSummary, Session, User } from '../../../types/domain'
import { actorOf, isHandler, type Actor } from '../../domain/actor'
import { DEMO_REPLY_TEMPLATES, DEMO_REPORTS, type DemoUser } from '../../domain/demo-community'
import { deadlineFor, isOverdue } from '../../domain/deadline'
import { fingerprint, isValidIdempotencyKey } from '../../domain/fingerprint'
import { allowedMoves, canHandleReport, canReadReport, refuseMove, type Refusal } from '../../domain/permissions'
import { decideMove, type MoveInput } from '../../domain/report-moves'
import { isTerminal, type ReportMove } from '../../domain/report-status'
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfterCursor,
  summarize,
  viewReport,
  viewTimeline,
} from '../../domain/report-views'
import { cleanText, maskPhone } from '../../domain/text'
import { validateNewReport, hasErrors, LIMITS } from '../../domain/validation'
import { readJson, writeJson, type KeyValueStorage } from '../../platform/storage'
import type { CommunityDirectory } from '../client'
import { ApiError, validationError } from '../errors'
import { emptyState, type MemoryState } from './state'

const STATE_KEY = 'linli.mem.state'
const PHOTO_KEY = (id: Id) => `linli.mem.photo.${id}`
const SESSION_DAYS = 30
/** A photo larger than this is refused, as the server refuses it (budgets.md: 10 MB). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

export interface MemoryBackendOptions {
  storage: KeyValueStorage
  now?: () => Date
  random?: () => string
}

/**
 * The demo backend: a small server that lives in the app. It keeps its data in storage, seeds the
 * demo community on first start, and enforces the domain's rules exactly as the reference server
 * does — every call names the session it acts for.
 */
export class MemoryBackend {
  private state: MemoryState
  private readonly storage: KeyValueStorage
  private readonly now: () => Date
  private readonly random: () => string

  constructor(options: MemoryBackendOptions) {
    this.storage = options.storage
    this.now = options.now ?? (() => new Date())
    let counter = 0
    this.random = options.random ?? (() => Date.now().toString(36) + (++counter).toString(36) + Math.random().toString(36).slice(2, 10))
    const stored = readJson<MemoryState>(this.storage, STATE_KEY)
    if (stored && stored.schema === 1) {
      this.state = stored
    } else {
      this.state = emptyState()
      this.seedReports()
      this.save()
    }
  }

  /** Re-read from storage, as a second app instance (or a restarted one) would. */
  reload(): void {
    const stored = readJson<MemoryState>(this.storage, STATE_KEY)
    if (stored) this.state = stored
  }

  private save(): void {
    writeJson(this.storage, STATE_KEY, this.state)
  }

  /** Run a change against fresh state and persist it, so two clients on one storage never clobber. */
  private mutate<T>(change: () => T): T {
    this.reload()
    const result = change()
    this.save()
    return result
  }

  // ── sessions ──────────────────────────────────────────────────────────────────────────────

  listDemoAccounts(): DemoAccount[] {
    return this.state.users.map((u) => ({ userId: u.id, name: u.name, roles: u.roles, description: u.description }))
  }

  signInDemo(userId: Id): Session {
    const user = this.state.users.find((u) => u.id === userId)
    if (!user) throw new ApiError('not_found', '该演示账号不存在')
    return this.mutate(() => {
      const token = `mem_${this.random()}`
      const expiresAt = new Date(this.now().getTime() + SESSION_DAYS * 86_400_000).toISOString()
      this.state.sessions[token] = { userId, expiresAt }
      return { token, user: this.toUser(user), expiresAt }
    })
  }

  session(token: string | null): Session | null {
    if (!token) return null
    this.reload()
    const entry = this.state.sessions[token]
    if (!entry || Date.parse(entry.expiresAt) <= this.now().getTime()) return null
    const user = this.state.users.find((u) => u.id === entry.userId)
    return user ? { token, user: this.toUser(user), expiresAt: entry.expiresAt } : null
  }

  signOut(token: string | null): void {
    if (!token) return
    this.mutate(() => {
      delete this.state.sessions[token]
    })
  }

  private toUser(u: DemoUser): User {
    return {
      id: u.id,
      name: u.name,
      phoneMasked: maskPhone(u.phone),
      roles: [...u.roles],
      communityId: this.state.community.id,
      home: u.home,
      gridIds: [...u.gridIds],
      leadsBuildingIds: [...u.leadsBuildingIds],
    }
  }

  private authenticate(token: string | null): Actor {
    const session = this.session(token)
    if (!session) throw new ApiError('unauthorized')
    return actorOf(session.user)
  }

  // ── directory ─────────────────────────────────────────────────────────────────────────────

  getCommunity(token: string | null): CommunityDirectory {
    const actor = this.authenticate(token)
    const s = this.state
    return {
      community: s.community,
      grids: s.grids,
      buildings: s.buildings,
      departments: s.departments,
      categories: s.categories,
      handlers: isHandler(actor)
        ? s.users
            .filter((u) => u.roles.includes('grid_worker') || u.roles.includes('staff'))
            .map((u) => ({ id: u.id, name: u.name, roles: u.roles, gridIds: u.gridIds }))
        : [],
    }
  }

  // ── media ─────────────────────────────────────────────────────────────────────────────────

  uploadPhoto(token: string | null, photo: LocalPhoto): Photo {
    const actor = this.authenticate(token)
    if (!photo || typeof photo.path !== 'string' || photo.path.length === 0) {
      throw validationError({ photo: '照片无效，请重新选择' })
    }
    if ((photo.bytes ?? 0) > MAX_PHOTO_BYTES) throw validationError({ photo: '照片不能超过10MB' })
    if (photo.path.startsWith('data:') && !/^data:image\/(jpeg|png|webp|gif);/.test(photo.path)) {
      throw validationError({ photo: '只能上传图片（JPG/PNG/WebP）' })
    }
    return this.mutate(() => {
      const id = `p_${this.random()}`
      this.state.photos[id] = { id, width: photo.width, height: photo.height, bytes: photo.bytes, ownerId: actor.id }
      this.storage.set(PHOTO_KEY(id), photo.path)
      return this.photo(id)
    })
  }

  private photo(id: Id): Photo {
    const meta = this.state.photos[id]
    return { id, url: this.storage.get(PHOTO_KEY(id)) ?? '', width: meta?.width, height: meta?.height, bytes: meta?.bytes }
  }

  private withPhotoUrls(report: Report): Report {
    return { ...report, photos: report.photos.map((p) => this.photo(p.id)) }
  }

  private ownPhotos(actor: Actor, ids: unknown, field: string): Photo[] {
    if (ids === undefined) return []
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw validationError({ [field]: '照片列表格式不正确' })
    if (ids.length > LIMITS.photosMax) throw validationError({ [field]: `最多上传${LIMITS.photosMax}张照片` })
    return ids.map((id: string) => {
      const meta = this.state.photos[id]
      if (!meta || meta.ownerId !== actor.id) throw validationError({ [field]: '照片已失效，请重新选择' })
      return { id, width: meta.width, height: meta.height, bytes: meta.bytes, url: '' }
    })
  }

  // ── reports ───────────────────────────────────────────────────────────────────────────────

  submitReport(token: string | null, input: NewReportInput, idempotencyKey: string): Report {
    const actor = this.authenticate(token)
    if (!isValidIdempotencyKey(idempotencyKey)) {
      throw validationError({ idempotencyKey: '提交编号无效，请重新提交' })
    }
    return this.mutate(() => {
      const slot = `${actor.id}:${idempotencyKey}`
      const print = fingerprint(input)
      const previous = this.state.idempotency[slot]
      if (previous) {
        if (previous.fingerprint !== print) {
          throw validationError({ idempotencyKey: '同一提交编号对应了不同的内容，请重新提交' })
        }
        const original = this.state.reports.find((r) => r.id === previous.reportId)
        if (original) return this.withPhotoUrls(original)
      }
      const report = this.createReport(actor, input)
      this.state.idempotency[slot] = { reportId: report.id, fingerprint: print }
      return this.withPhotoUrls(report)
    })
  }

  private createReport(actor: Actor, input: NewReportInput, at: Date = this.now()): Report {
    if (!input || typeof input !== 'object') throw validationError({ _: '请求内容无效' })
    if (input.onBehalfOf !== undefined) throw new ApiError('not_supported', '代报功能尚未开放')
    const photoCount = Array.isArray(input.photoIds) ? input.photoIds.length : 0
    const errors = validateNewReport({ ...input, photoCount }, this.state.categories)
    if (typeof input.anonymous !== 'boolean') errors.anonymous = '请选择是否匿名'
    if (hasErrors(errors)) throw validationError(errors)
    const photos = this.ownPhotos(actor, input.photoIds, 'photos')
    const category = this.state.categories.find((c) => c.id === input.categoryId)!
    const user = this.state.users.find((u) => u.id === actor.id)!
    const building = this.state.buildings.find((b) => b.id === user.home?.buildingId)
    const createdAt = at.toISOString()
    this.state.seq += 1
    const report: Report = {
      id: `r_${this.random()}`,
      number: `YY-${createdAt.slice(0, 10).replace(/-/g, '')}-${String(this.state.seq).padStart(4, '0')}`,
      communityId: this.state.community.id,
      // Routed to the grid of the reporter's home; staff transfer it if it belongs elsewhere.
      gridId: building?.gridId ?? this.state.grids[0].id,
      buildingId: building?.id,
      categoryId: category.id,
      categoryName: category.name,
      description: cleanText(input.description),
      photos,
      location: input.location.kind === 'text' ? { kind: 'text', address: cleanText(input.location.address) } : input.location,
      anonymous: input.anonymous,
      reporterId: actor.id,
      reporterName: actor.name,
      status: 'submitted',
      createdAt,
      updatedAt: createdAt,
      deadlineAt: deadlineFor(createdAt, category.deadlineHours),
      escalated: false,
      reopenCount: 0,
      meTooCount: 0,
      version: 1,
    }
    this.state.reports.push(report)
    this.state.events.push({
      id: `e_${this.random()}`,
      reportId: report.id,
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      actorId: actor.id,
      actorName: actor.name,
      actorRole: 'resident',
      at: createdAt,
      photos: [],
      public: true,
    })
    return report
  }

  listMine(token: string | null, query: PageQuery = {}): Page<ReportSummary> {
    const actor = this.authenticate(token)
    this.reload()
    const mine = this.state.reports.filter((r) => r.reporterId === actor.id)
    return this.page(mine.map((r) => this.withPhotoUrls(r)), query)
  }

  listPublic(token: string | null, query: PageQuery & { categoryId?: Id } = {}): Page<ReportSummary> {
    const actor = this.authenticate(token)
    this.reload()
    const open = this.state.reports.filter(
      (r) =>
        r.communityId === actor.communityId &&
        !isTerminal(r.status) &&
        (!query.categoryId || r.categoryId === query.categoryId),
    )
    return this.page(open.map((r) => this.withPhotoUrls(viewReport(r, actor))), query)
  }

  private page(reports: Report[], query: PageQuery): Page<ReportSummary> {
    const limit = pageLimit(query)
    const cursor = query.cursor ? decodeCursor(query.cursor) : null
    if (query.cursor && !cursor) throw validationError({ cursor: '分页参数无效，请刷新' })
    const sorted = [...reports].sort(compareNewestFirst).filter((r) => !cursor || isAfterCursor(r, cursor))
    const items = sorted.slice(0, limit)
    const nextCursor = sorted.length > limit ? encodeCursor(items[items.length - 1]) : undefined
    return { items: items.map(summarize), nextCursor }
  }

  /** A report the actor may read, or not_found (existence is not revealed to others). */
  private readable(actor: Actor, id: Id): Report {
    const report = this.state.reports.find((r) => r.id === id)
    if (!report || !canReadReport(actor, report)) throw new ApiError('not_found', '诉求不存在或您无权查看')
    return report
  }

  getReport(token: string | null, id: Id): ReportDetail {
    const actor = this.authenticate(token)
    this.reload()
    return this.detail(actor, this.readable(actor, id))
  }

  private detail(actor: Actor, report: Report): ReportDetail {
    const events = this.state.events.filter((e) => e.reportId === report.id)
    return {
      report: this.withPhotoUrls(viewReport(report, actor)),
      timeline: viewTimeline(report, events, actor).map((e) => ({ ...e, photos: e.photos.map((p) => this.photo(p.id)) })),
      allowedActions: allowedMoves(actor, report),
    }
  }

  meToo(token: string | null, id: Id): ReportSummary {
    const actor = this.authenticate(token)
    return this.mutate(() => {
      const report = this.state.reports.find((r) => r.id === id && r.communityId === actor.communityId)
      if (!report) throw new ApiError('not_found', '诉求不存在')
      if (report.reporterId === actor.id) throw new ApiError('conflict', '这是您自己提交的诉求')
      if (isTerminal(report.status)) throw new ApiError('conflict', '该诉求已结束，无法附议')
      const voices = (this.state.meToo[id] ??= [])
      if (!voices.includes(actor.id)) {
        voices.push(actor.id)
        report.meTooCount = voices.length
      }
      return summarize(this.withPhotoUrls(viewReport(report, actor)))
    })
  }

  // ── handling ──────────────────────────────────────────────────────────────────────────────

  listInbox(token: string | null, query: InboxQuery = {}): Page<ReportSummary> {
    const actor = this.authenticate(token)
    if (!isHandler(actor)) throw new ApiError('forbidden', '只有社区工作者和网格员可以查看工单')
    this.reload()
    const now = this.now()
    const limit = pageLimit(query)
    const offset = query.cursor ? Number(query.cursor) : 0
    if (!Number.isInteger(offset) || offset < 0) throw validationError({ cursor: '分页参数无效，请刷新' })
    const rows = this.state.reports
      .filter((r) => canHandleReport(actor, r))
      .filter((r) => !query.status?.length || query.status.includes(r.status))
      .filter((r) => !query.categoryId || r.categoryId === query.categoryId)
      .filter((r) => !query.gridId || r.gridId === query.gridId)
      .filter((r) => !query.overdueOnly || isOverdue(r, now))
      .filter((r) => !query.escalatedOnly || r.escalated)
      .sort((a, b) => urgency(a, now) - urgency(b, now) || a.deadlineAt.localeCompare(b.deadlineAt))
    const items = rows.slice(offset, offset + limit).map((r) => summarize(this.withPhotoUrls(r)))
    return { items, nextCursor: rows.length > offset + limit ? String(offset + limit) : undefined }
  }

  move(token: string | null, id: Id, move: ReportMove, raw: RawMoveInput): ReportDetail {
    const actor = this.authenticate(token)
    return this.mutate(() => {
      const report = this.state.reports.find((r) => r.id === id)
      if (!report || !canReadReport(actor, report)) throw new ApiError('not_found', '诉求不存在或您无权查看')
      // Who may act is decided before the request's contents are looked at: a resident gets 403, not 422.
      const refusal = refuseMove(actor, report, move)
      if (refusal) throw refusalError(refusal)
      const input = this.resolveMoveInput(actor, report, raw)
      const outcome = decideMove(actor, report, move, input, this.now())
      if (!outcome.ok) {
        const v = outcome.violation
        throw v.code === 'validation' ? validationError(v.fields, v.message) : refusalError(v)
      }
      Object.assign(report, outcome.report)
      this.state.events.push({ ...outcome.event, id: `e_${this.random()}` })
      return this.detail(actor, report)
    })
  }

  /** Turn ids in a request into the names and records a move carries; unknown ids are field errors. */
  private resolveMoveInput(actor: Actor, report: Report, raw: RawMoveInput): MoveInput {
    const input: MoveInput = { note: raw.note, reason: raw.reason, rating: raw.rating, intoReportId: raw.intoReportId }
    input.deadlineHours = this.state.categories.find((c) => c.id === report.categoryId)?.deadlineHours
    input.photos = this.ownPhotos(actor, raw.photoIds, 'photoIds')
    if (raw.assignee) {
      input.assignee = this.resolveAssignee(report, raw.assignee)
    }
    if (raw.target) {
      if (raw.target.kind === 'grid') {
        const grid = this.state.grids.find((g) => g.id === raw.target!.id && g.communityId === report.communityId)
        if (!grid) throw validationError({ target: '网格不存在' })
        input.target = { kind: 'grid', id: grid.id }
      } else {
        const dept = this.state.departments.find((d) => d.id === raw.target!.id && d.communityId === report.communityId)
        if (!dept) throw validationError({ target: '部门不存在' })
        input.target = { kind: 'department', id: dept.id, name: dept.name }
      }
    }
    if (raw.intoReportId) {
      const into = this.state.reports.find((r) => r.id === raw.intoReportId && r.communityId === report.communityId)
      if (!into || isTerminal(into.status)) throw validationError({ intoReportId: '要合并到的诉求不存在或已结束' })
    }
    return input
  }

  private resolveAssignee(report: Report, raw: Pick<Assignee, 'kind' | 'id'>): Assignee {
    if (raw.kind === 'department') {
      const dept = this.state.departments.find((d) => d.id === raw.id && d.communityId === report.communityId)
      if (!dept) throw validationError({ assignee: '部门不存在' })
      return { kind: 'department', id: dept.id, name: dept.name }
    }
    const user = this.state.users.find((u) => u.id === raw.id)
    const canTake = user && (user.roles.includes('staff') || (user.roles.includes('grid_worker') && user.gridIds.includes(report.gridId)))
    if (!user || !canTake) throw validationError({ assignee: '只能派给本网格的网格员或社区工作者' })
    return { kind: 'user', id: user.id, name: user.name }
  }

  listReplyTemplates(token: string | null) {
    const actor = this.authenticate(token)
    if (!isHandler(actor)) throw new ApiError('forbidden')
    return DEMO_REPLY_TEMPLATES
  }

  // ── seed ──────────────────────────────────────────────────────────────────────────────────

  /** Replay the demo stories through the same rules every request obeys. */
  private seedReports(): void {
    const now = this.now().getTime()
    const actorFor = (id: Id) => actorOf(this.toUser(this.state.users.find((u) => u.id === id)!))
    for (const story of DEMO_REPORTS) {
      const filedAt = new Date(now - story.ageHours * 3_600_000)
      const report = this.createReport(
        actorFor(story.by),
        { categoryId: story.categoryId, description: story.description, photoIds: [], location: story.location, anonymous: story.anonymous },
        filedAt,
      )
      for (const step of story.steps) {
        const actor = actorFor(step.by)
        const at = new Date(filedAt.getTime() + step.afterHours * 3_600_000)
        const input = this.resolveMoveInput(actor, report, { note: step.note, reason: step.reason, assignee: step.assignee, rating: step.rating })
        const outcome = decideMove(actor, report, step.move, input, at)
        if (!outcome.ok) throw new Error(`demo story ${story.key} breaks a rule at ${step.move}: ${outcome.violation.message}`)
        Object.assign(report, outcome.report)
        this.state.events.push({ ...outcome.event, id: `e_${this.random()}` })
      }
    }
  }
}

/** A move request as it arrives: ids, not records. */
export interface RawMoveInput {
  note?: string
  reason?: string
  photoIds?: Id[]
  assignee?: AssignInput['assignee']
  target?: TransferInput['target']
  intoReportId?: MergeInput['intoReportId']
  rating?: RatingInput
}

/** A page size of 1..50 (default 20), or a field error. */
function pageLimit(query: PageQuery): number {
  const limit = query.limit ?? 20
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw validationError({ limit: '每页数量应为1到50' })
  return limit
}

/** forbidden → 403; a move the status does not allow → 409 conflict (someone else moved it first). */
function refusalError(refusal: Refusal): ApiError {
  return new ApiError(refusal.code === 'forbidden' ? 'forbidden' : 'conflict', refusal.message)
}

/** Lower is more urgent: overdue, then open by deadline, then waiting on the resident, then finished. */
function urgency(report: Report, now: Date): number {
  if (isTerminal(report.status)) return 3
  if (report.status === 'resolved') return 2
  return isOverdue(report, now) ? 0 : 1
}
