import type {
  AssignInput,
  InboxQuery,
  LocalPhoto,
  MergeInput,
  NewReportInput,
  NoticeInput,
  PageQuery,
  RatingInput,
  TimeRange,
  TransferInput,
} from '../../../types/api'
import type {
  Assignee,
  Building,
  DashboardStats,
  DemoAccount,
  Id,
  Message,
  MessageThread,
  Notice,
  NoticeReceipts,
  Page,
  Photo,
  Report,
  ReportDetail,
  ReportSummary,
  Session,
  User,
} from '../../../types/domain'
import { actorOf, displayRole, hasRole, isHandler, type Actor } from '../../domain/actor'
import { beneficiaryOf, refuseFileOnBehalf, validateOnBehalf, type OnBehalfInput } from '../../domain/assisted'
import { computeDashboard, validateRange } from '../../domain/dashboard'
import {
  DEMO_MESSAGES,
  DEMO_NOTICES,
  DEMO_REPLY_TEMPLATES,
  DEMO_REPORTS,
  type DemoUser,
} from '../../domain/demo-community'
import { deadlineFor, isOverdue } from '../../domain/deadline'
import { fingerprint, isValidIdempotencyKey } from '../../domain/fingerprint'
import {
  canUseGeneralThread,
  canUseReportThread,
  generalThreadId,
  parseThreadId,
  reportThreadId,
  reportThreadTitle,
  validateMessage,
} from '../../domain/messages'
import { canSeeNotice, canSeeReceipts, compareNotices, computeReceipts, isExpired, refusePublish, validateNotice } from '../../domain/notices'
import { allowedMoves, canHandleReport, canReadReport, isReporter, refuseMove, type Refusal } from '../../domain/permissions'
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
import { cleanText, maskPhone, textLength } from '../../domain/text'
import { validateNewReport, hasErrors, LIMITS } from '../../domain/validation'
import { readJson, writeJson, type KeyValueStorage } from '../../platform/storage'
import type { CommunityDirectory } from '../client'
import { ApiError, validationError } from '../errors'
import { emptyState, MEMORY_SCHEMA, type MemoryState } from './state'

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
    if (stored && stored.schema === MEMORY_SCHEMA) {
      this.state = stored
    } else {
      // First start, or a state written by an older version of the app: seed afresh.
      this.state = emptyState()
      this.seed()
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
    return this.mutate(() => this.withIdempotency(actor, idempotencyKey, input, () => this.createReport(actor, input)))
  }

  /**
   * File a report. For 代报 (`onBehalfOf` given and allowed by the caller), it belongs to the
   * household: to the resident living there if there is one, else to the home itself.
   */
  private createReport(actor: Actor, input: NewReportInput, at: Date = this.now(), assisted = false): Report {
    if (!input || typeof input !== 'object') throw validationError({ _: '请求内容无效' })
    if (!assisted && input.onBehalfOf !== undefined) throw validationError({ onBehalfOf: '代报请使用“代邻居反映”' })
    const photoCount = Array.isArray(input.photoIds) ? input.photoIds.length : 0
    const errors = {
      ...validateNewReport({ ...input, photoCount }, this.state.categories),
      ...(assisted ? validateOnBehalf(input.onBehalfOf, this.communityBuildings()) : {}),
    }
    if (typeof input.anonymous !== 'boolean') errors.anonymous = '请选择是否匿名'
    if (hasErrors(errors)) throw validationError(errors)
    const photos = this.ownPhotos(actor, input.photoIds, 'photos')
    const category = this.state.categories.find((c) => c.id === input.categoryId)!
    const household = assisted ? this.household(input.onBehalfOf!) : null
    const user = this.state.users.find((u) => u.id === actor.id)!
    const building = household?.building ?? this.state.buildings.find((b) => b.id === user.home?.buildingId)
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
      reporterId: household?.reporterId ?? actor.id,
      reporterName: household?.reporterName ?? actor.name,
      ...(household ? { filedBy: { id: actor.id, name: actor.name }, beneficiary: household.beneficiary } : {}),
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
      actorRole: household ? displayRole(actor) : 'resident',
      at: createdAt,
      ...(household ? { note: `代${household.building.name}${household.beneficiary.room}住户反映` } : {}),
      photos: [],
      public: true,
    })
    return report
  }

  private communityBuildings(): Building[] {
    return this.state.buildings.filter((b) => b.communityId === this.state.community.id)
  }

  /** Who a 代报 report belongs to: the resident living there (the first one listed), else the home. */
  private household(target: OnBehalfInput) {
    const building = this.communityBuildings().find((b) => b.id === target.buildingId)!
    const beneficiary = beneficiaryOf(target)
    const resident = this.state.users.find((u) => u.home?.buildingId === building.id && u.home.room === target.room)
    return {
      building,
      beneficiary,
      reporterId: resident?.id ?? `home:${building.id}:${target.room}`,
      reporterName: resident?.name ?? beneficiary.name ?? '住户',
    }
  }

  /** 代报: a building leader (for the buildings they lead) or staff files for a household. */
  submitOnBehalf(token: string | null, input: NewReportInput, idempotencyKey: string): Report {
    const actor = this.authenticate(token)
    return this.mutate(() => {
      // Who may, before what was sent: a resident is refused whatever the request holds.
      const target = input && typeof input === 'object' ? input.onBehalfOf : undefined
      const building = this.communityBuildings().find((b) => b.id === target?.buildingId)
      // An unknown building is a field error for those who may file at all (checked below); for
      // anyone else the domain's answer for any building of the community is the refusal.
      const refusal = building
        ? refuseFileOnBehalf(actor, building)
        : hasRole(actor, 'staff') || hasRole(actor, 'building_leader')
          ? null
          : refuseFileOnBehalf(actor, { id: '', communityId: actor.communityId })
      if (refusal) throw refusalError(refusal)
      if (!isValidIdempotencyKey(idempotencyKey)) {
        throw validationError({ idempotencyKey: '提交编号无效，请重新提交' })
      }
      return this.withIdempotency(actor, idempotencyKey, input, () => this.createReport(actor, input, this.now(), true))
    })
  }

  /** Same key + same body → the original report; same key + another body → a field error. */
  private withIdempotency(actor: Actor, idempotencyKey: string, input: unknown, create: () => Report): Report {
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
    const report = create()
    this.state.idempotency[slot] = { reportId: report.id, fingerprint: print }
    return this.withPhotoUrls(report)
  }

  listMine(token: string | null, query: PageQuery = {}): Page<ReportSummary> {
    const actor = this.authenticate(token)
    this.reload()
    // Mine: filed by me or for my household (代报), and those I filed for a neighbour.
    const mine = this.state.reports.filter((r) => isReporter(actor, r) || r.filedBy?.id === actor.id)
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
      if (isReporter(actor, report)) throw new ApiError('conflict', '这是您自己提交的诉求')
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

  // ── messages ──────────────────────────────────────────────────────────────────────────────

  /** A thread the actor may use, or not_found (a thread one cannot use is not revealed). */
  private thread(actor: Actor, threadId: unknown): Thread {
    const ref = typeof threadId === 'string' ? parseThreadId(threadId) : null
    if (ref?.kind === 'report') {
      const report = this.state.reports.find((r) => r.id === ref.reportId)
      if (report && canUseReportThread(actor, report)) return { id: reportThreadId(report.id), kind: 'report', report }
    } else if (ref?.kind === 'general') {
      const owner = this.state.users.find((u) => u.id === ref.ownerId)
      if (owner && canUseGeneralThread(actor, { id: owner.id, communityId: this.state.community.id })) {
        return { id: generalThreadId(owner.id), kind: 'general', owner }
      }
    }
    throw new ApiError('not_found', '会话不存在或您无权查看')
  }

  private threadMessages(threadId: Id): Message[] {
    return this.state.messages.filter((m) => m.threadId === threadId).sort(compareChronological)
  }

  private unreadIn(actor: Actor, threadId: Id, messages: Message[]): number {
    const seen = this.state.threadReads[`${threadId}|${actor.id}`]
    return messages.filter((m) => m.authorId !== actor.id && (!seen || positionOf(m) > seen)).length
  }

  /** Every thread the actor is on, most recent activity first. */
  listThreads(token: string | null): MessageThread[] {
    const actor = this.authenticate(token)
    this.reload()
    return this.threadsOf(actor)
  }

  private threadsOf(actor: Actor): MessageThread[] {
    const byThread = new Map<Id, Message[]>()
    for (const m of [...this.state.messages].sort(compareChronological)) {
      const list = byThread.get(m.threadId) ?? []
      list.push(m)
      byThread.set(m.threadId, list)
    }
    const threads: MessageThread[] = []
    const entry = (id: Id, kind: MessageThread['kind'], title: string, since: string, reportId?: Id): MessageThread => {
      const messages = byThread.get(id) ?? []
      const last = messages[messages.length - 1]
      return {
        id,
        kind,
        ...(reportId ? { reportId } : {}),
        title,
        lastMessageAt: last?.at ?? since,
        lastMessagePreview: last ? preview(last.body) : '',
        unread: this.unreadIn(actor, id, messages),
      }
    }
    // Report threads: those with messages on reports I may read, and my own reports' (even empty).
    for (const report of this.state.reports) {
      if (!canUseReportThread(actor, report)) continue
      const id = reportThreadId(report.id)
      const mine = isReporter(actor, report) || report.filedBy?.id === actor.id
      if (!byThread.has(id) && !mine) continue
      threads.push(entry(id, 'report', reportThreadTitle(report), report.createdAt, report.id))
    }
    // General threads: mine, and (for staff) every resident's of the community, once it has messages.
    for (const id of byThread.keys()) {
      const ref = parseThreadId(id)
      if (ref?.kind !== 'general') continue
      const owner = this.state.users.find((u) => u.id === ref.ownerId)
      if (!owner || !canUseGeneralThread(actor, { id: owner.id, communityId: this.state.community.id })) continue
      const title = owner.id === actor.id ? GENERAL_TITLE : `${GENERAL_TITLE} · ${this.whoIs(owner)}`
      threads.push(entry(id, 'general', title, byThread.get(id)![0].at))
    }
    return threads.sort((a, b) => compareText(b.lastMessageAt, a.lastMessageAt) || compareText(a.id, b.id))
  }

  /** 王秀兰（3号楼201）: how staff know who asks. */
  private whoIs(user: DemoUser): string {
    const building = this.state.buildings.find((b) => b.id === user.home?.buildingId)
    return building ? `${user.name}（${building.name}${user.home!.room}）` : user.name
  }

  /**
   * A page of a thread, in chronological order (newest last). The first page holds the newest
   * messages; `nextCursor` leads to the ones before them (scrolling up in a chat).
   */
  listMessages(token: string | null, threadId: Id, query: PageQuery = {}): Page<Message> {
    const actor = this.authenticate(token)
    this.reload()
    const thread = this.thread(actor, threadId)
    const limit = pageLimit(query)
    const before = query.cursor ? decodeCursor(query.cursor) : null
    if (query.cursor && !before) throw validationError({ cursor: '分页参数无效，请刷新' })
    const older = this.threadMessages(thread.id).filter((m) => !before || positionOf(m) < `${before.createdAt}|${before.id}`)
    const items = older.slice(Math.max(0, older.length - limit))
    const nextCursor = older.length > limit ? encodeCursor({ createdAt: items[0].at, id: items[0].id }) : undefined
    return { items, nextCursor }
  }

  /** Post to a thread: `{ reportId }` is that report's thread, `general` my own "ask the community". */
  sendMessage(token: string | null, to: { threadId: Id } | { reportId: Id } | 'general', body: string): Message {
    const actor = this.authenticate(token)
    return this.mutate(() => {
      let threadId: unknown
      if (to === 'general') threadId = generalThreadId(actor.id)
      else if (to && typeof to === 'object' && 'reportId' in to) threadId = reportThreadId(String(to.reportId))
      else if (to && typeof to === 'object' && 'threadId' in to) threadId = to.threadId
      else throw validationError({ to: '请选择留言的对象' })
      // Who may, before what was sent.
      const thread = this.thread(actor, threadId)
      const errors = validateMessage(typeof body === 'string' ? body : undefined)
      if (hasErrors(errors)) throw validationError(errors)
      return this.postMessage(actor, thread, body, this.now())
    })
  }

  private postMessage(actor: Actor, thread: Thread, body: string, at: Date): Message {
    // Ids grow with every message, so (at, id) keeps the posting order even within one millisecond.
    const message: Message = {
      id: `m_${String(this.state.messages.length + 1).padStart(8, '0')}`,
      threadId: thread.id,
      authorId: actor.id,
      authorName: actor.name,
      authorRole: displayRole(actor),
      body: cleanText(body),
      at: at.toISOString(),
    }
    this.state.messages.push(message)
    // Who writes has read what came before.
    this.state.threadReads[`${thread.id}|${actor.id}`] = positionOf(message)
    return message
  }

  markThreadRead(token: string | null, threadId: Id): void {
    const actor = this.authenticate(token)
    this.mutate(() => {
      const thread = this.thread(actor, threadId)
      const messages = this.threadMessages(thread.id)
      const last = messages[messages.length - 1]
      if (last) this.state.threadReads[`${thread.id}|${actor.id}`] = positionOf(last)
    })
  }

  /** Messages by others I have not seen yet, over every thread I am on. */
  unreadMessages(token: string | null): number {
    const actor = this.authenticate(token)
    this.reload()
    return this.threadsOf(actor).reduce((n, t) => n + t.unread, 0)
  }

  // ── notices ───────────────────────────────────────────────────────────────────────────────

  private noticeFor(actor: Actor, notice: Omit<Notice, 'read'>): Notice {
    return { ...notice, read: (this.state.noticeReads[notice.id] ?? []).includes(actor.id) }
  }

  /** A notice the actor may see, or not_found. */
  private visibleNotice(actor: Actor, id: Id): Omit<Notice, 'read'> {
    const notice = this.state.notices.find((n) => n.id === id)
    if (!notice || !canSeeNotice(actor, notice, this.now())) throw new ApiError('not_found', '通知不存在或已过期')
    return notice
  }

  /** The notices that reach me: pinned first, then urgent, then the newest. */
  listNotices(token: string | null, query: PageQuery = {}): Page<Notice> {
    const actor = this.authenticate(token)
    this.reload()
    const limit = pageLimit(query)
    const offset = query.cursor ? Number(query.cursor) : 0
    if (!Number.isInteger(offset) || offset < 0) throw validationError({ cursor: '分页参数无效，请刷新' })
    const now = this.now()
    const rows = this.state.notices.filter((n) => canSeeNotice(actor, n, now)).sort(compareNotices)
    const items = rows.slice(offset, offset + limit).map((n) => this.noticeFor(actor, n))
    return { items, nextCursor: rows.length > offset + limit ? String(offset + limit) : undefined }
  }

  getNotice(token: string | null, id: Id): Notice {
    const actor = this.authenticate(token)
    this.reload()
    return this.noticeFor(actor, this.visibleNotice(actor, id))
  }

  publishNotice(token: string | null, input: NoticeInput): Notice {
    const actor = this.authenticate(token)
    return this.mutate(() => this.noticeFor(actor, this.publish(actor, input, this.now())))
  }

  private publish(actor: Actor, input: NoticeInput, at: Date): Omit<Notice, 'read'> {
    const raw: Partial<NoticeInput> = input && typeof input === 'object' ? input : {}
    const scope = raw.scope
    const wellFormedScope =
      scope?.kind === 'community' ||
      (scope?.kind === 'buildings' && Array.isArray(scope.buildingIds) && scope.buildingIds.every((id) => typeof id === 'string'))
    // Who may publish where is decided before the text is looked at.
    if (!hasRole(actor, 'staff') && !hasRole(actor, 'building_leader')) {
      throw refusalError(refusePublish(actor, { kind: 'community' }, this.state.buildings)!)
    }
    if (wellFormedScope) {
      const refusal = refusePublish(actor, scope!, this.state.buildings)
      if (refusal) throw refusalError(refusal)
    }
    const errors = validateNotice(raw, at)
    if (!wellFormedScope && !errors.scope) errors.scope = '请选择发送范围'
    if (typeof raw.urgent !== 'boolean') errors.urgent = '请选择是否紧急'
    if (typeof raw.pinned !== 'boolean') errors.pinned = '请选择是否置顶'
    if (hasErrors(errors)) throw validationError(errors)
    const notice: Omit<Notice, 'read'> = {
      id: `n_${this.random()}`,
      communityId: actor.communityId,
      scope: scope!.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...new Set(scope!.buildingIds)] },
      title: cleanText(raw.title!),
      body: cleanText(raw.body!),
      urgent: raw.urgent!,
      pinned: raw.pinned!,
      ...(raw.expiresAt !== undefined ? { expiresAt: new Date(raw.expiresAt).toISOString() } : {}),
      publishedAt: at.toISOString(),
      authorId: actor.id,
      authorName: actor.name,
    }
    this.state.notices.push(notice)
    // The sender has read what they wrote (their own household counts as reached).
    this.state.noticeReads[notice.id] = [actor.id]
    return notice
  }

  markNoticeRead(token: string | null, id: Id): void {
    const actor = this.authenticate(token)
    this.mutate(() => {
      const notice = this.visibleNotice(actor, id)
      const readers = (this.state.noticeReads[notice.id] ??= [])
      if (!readers.includes(actor.id)) readers.push(actor.id)
    })
  }

  /** Read receipts by household, for the sender and staff. */
  noticeReceipts(token: string | null, id: Id): NoticeReceipts {
    const actor = this.authenticate(token)
    this.reload()
    const notice = this.visibleNotice(actor, id)
    if (!canSeeReceipts(actor, notice)) throw new ApiError('forbidden', '只有发布人和社区工作者可以查看阅读情况')
    const residents = this.state.users.filter((u) => u.home).map((u) => ({ id: u.id, home: u.home }))
    return computeReceipts(notice, this.communityBuildings(), residents, new Set(this.state.noticeReads[notice.id] ?? []))
  }

  /** Live notices that reach me and that I have not opened. */
  unreadNotices(token: string | null): number {
    const actor = this.authenticate(token)
    this.reload()
    const now = this.now()
    return this.state.notices.filter(
      (n) => canSeeNotice(actor, n, now) && !isExpired(n, now) && !(this.state.noticeReads[n.id] ?? []).includes(actor.id),
    ).length
  }

  // ── dashboard ─────────────────────────────────────────────────────────────────────────────

  /** The community's figures for a range, computed from the reports (staff only). */
  getDashboard(token: string | null, range: TimeRange): DashboardStats {
    const actor = this.authenticate(token)
    if (!hasRole(actor, 'staff')) throw new ApiError('forbidden', '只有社区工作者可以查看统计看板')
    const errors = validateRange(range)
    if (hasErrors(errors)) throw validationError(errors)
    this.reload()
    return computeDashboard({
      communityId: actor.communityId,
      reports: this.state.reports,
      events: this.state.events,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      now: this.now(),
    })
  }

  // ── seed ──────────────────────────────────────────────────────────────────────────────────

  /** Replay the demo stories through the same rules every request obeys. */
  private seed(): void {
    const now = this.now().getTime()
    const actorFor = (id: Id) => actorOf(this.toUser(this.state.users.find((u) => u.id === id)!))
    const reportByKey = new Map<string, Report>()
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
      reportByKey.set(story.key, report)
    }
    for (const story of DEMO_NOTICES) {
      const at = new Date(now - story.ageHours * 3_600_000)
      const expiresAt = story.expiresAfterHours === undefined ? undefined : new Date(at.getTime() + story.expiresAfterHours * 3_600_000).toISOString()
      const { title, body, scope, urgent, pinned } = story
      this.publish(actorFor(story.by), { title, body, scope, urgent, pinned, ...(expiresAt ? { expiresAt } : {}) }, at)
    }
    for (const story of [...DEMO_MESSAGES].sort((a, b) => b.ageHours - a.ageHours)) {
      const actor = actorFor(story.by)
      const report = reportByKey.get(story.reportKey)
      if (!report) throw new Error(`demo message on unknown report story ${story.reportKey}`)
      const thread = this.thread(actor, reportThreadId(report.id))
      if (hasErrors(validateMessage(story.body))) throw new Error(`demo message on ${story.reportKey} is not a valid message`)
      this.postMessage(actor, thread, story.body, new Date(now - story.ageHours * 3_600_000))
    }
  }
}

type Thread = { id: Id; kind: 'report'; report: Report } | { id: Id; kind: 'general'; owner: DemoUser }

const GENERAL_TITLE = '问社区'

/** Where a message sits in its thread: (at, id), comparable as text. */
function positionOf(message: Pick<Message, 'at' | 'id'>): string {
  return `${message.at}|${message.id}`
}

function compareChronological(a: Message, b: Message): number {
  return compareText(positionOf(a), positionOf(b))
}

/** Plain code-point order (not the locale's), the order a database sorts ids and instants in. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The start of a message for a thread list: 40 characters, on one line. */
function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ')
  return textLength(flat) > 40 ? `${Array.from(flat).slice(0, 40).join('')}…` : flat
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
