import type { NewReportInput, PageQuery } from '../../../types/api'
import type { Building, Page, Report, ReportDetail, ReportSummary, TimelineEvent } from '../../../types/domain'
import { displayRole, hasRole, type Actor } from '../../domain/actor'
import { beneficiaryOf, refuseFileOnBehalf, validateOnBehalf } from '../../domain/assisted'
import { deadlineFor } from '../../domain/deadline'
import { fingerprint, IDEMPOTENCY_MESSAGES, isValidIdempotencyKey } from '../../domain/fingerprint'
import { NO_QUESTIONS_MESSAGE } from '../../domain/report-questions'
import { canReadReport, isReporter } from '../../domain/permissions'
import { isTerminal } from '../../domain/report-status'
import { encodeCursor, summarize, viewReport } from '../../domain/report-views'
import { cleanText } from '../../domain/text'
import { hasErrors, validateDescription, validateNewReport, validateReportBuilding, type FieldErrors } from '../../domain/validation'
import { CONTENT_REFUSED } from '../../domain/moderation/rules'
import { passEverything, type Caller, type Runtime } from '../context'
import { ApiError, conflict, forbidden, malformed, notFound, validationError, requireCommunity } from '../errors'
import { pageLimit, parseKeyset } from '../paging'
import type { Keyset, Repositories, Store } from '../ports'
import { photoSight } from './photo-sight'
import { ContentScreen, holdText, type Hold } from './moderation'
import { detailOf, NOT_READABLE, ownPhotos, readableReport, withPhotos, withPhotoUrls } from './report-view'

export const BAD_KEY = IDEMPOTENCY_MESSAGES.bad

/** A submission: the report as stored and whether this call created it (a retry answers the original). */
export interface Filed {
  report: Report
  created: boolean
}

/**
 * A resident's reports: file one (idempotently), list mine and the community's open ones, read one,
 * add my voice (附议). 代报 (filing for a neighbour's household) is the same submission with a
 * household named, allowed to building leaders and staff.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    /** The content check of the description others read in the public view (issue 13). */
    private readonly screen: ContentScreen = new ContentScreen(passEverything, store),
  ) {}

  /**
   * File a report under an idempotency key. Same caller + key + body → the original report
   * (`created: false`); same key with another body → a field error. The key is claimed in the
   * transaction that creates the report, so concurrent retries make exactly one.
   */
  async submit(caller: Caller, input: NewReportInput, key: unknown): Promise<Filed> {
    if (isObject(input) && input.onBehalfOf !== undefined) throw validationError({ onBehalfOf: '代报请使用“代邻居反映”' })
    return this.file(caller, input, key, false)
  }

  /**
   * 代报: a building leader (for the buildings they lead) or staff (any building of the community)
   * files for a household. Who may file is decided before anything sent is looked at (403 before
   * a bad key or body).
   */
  async submitOnBehalf(caller: Caller, input: NewReportInput, key: unknown): Promise<Filed> {
    const { actor } = caller
    if (!hasRole(actor, 'staff') && !hasRole(actor, 'building_leader')) {
      throw forbidden(refuseFileOnBehalf(actor, { id: '', communityId: requireCommunity(actor) })!.message)
    }
    // A building of the community they may not file for is refused before the key is looked at,
    // too; another community's building is unknown here (a field error, revealing nothing).
    const target = isObject(input) && isObject(input.onBehalfOf) ? input.onBehalfOf.buildingId : undefined
    const building = typeof target === 'string' ? await this.store.directory.findBuilding(target) : null
    const refusal = building && building.communityId === requireCommunity(actor) ? refuseFileOnBehalf(actor, building) : null
    if (refusal) throw forbidden(refusal.message)
    return this.file(caller, input, key, true)
  }

  /**
   * File a report with no idempotency key, for set-up paths where no device retries (the demo
   * seed, later an import): the same rules as `submit`.
   */
  async submitUnkeyed(caller: Caller, input: NewReportInput): Promise<Report> {
    if (!isObject(input)) throw malformed({ body: '请求内容无效' })
    const hold = await this.screenDescription(caller, input)
    const at = this.rt.now()
    return this.store.transaction(async (tx) => {
      const draft = await prepareReport(tx, this.rt, caller.actor, input, at, false)
      return createReport(tx, this.rt, caller, draft, hold)
    })
  }

  /**
   * The content check of a well-formed description (an ill-formed one is refused by the rules
   * first): what the public view would show (issue 13). Held: the report is filed and handled as
   * any, but stays out of the public view until a moderator approves it.
   */
  private async screenDescription(caller: Caller, input: NewReportInput): Promise<Hold | null> {
    if (typeof input.description !== 'string' || validateDescription(input.description)) return null
    return this.screen.screen(caller.actor, 'report', cleanText(input.description), { field: 'description', message: CONTENT_REFUSED })
  }

  private async file(caller: Caller, input: NewReportInput, key: unknown, onBehalf: boolean): Promise<Filed> {
    if (!isValidIdempotencyKey(key)) throw malformed({ idempotencyKey: BAD_KEY })
    if (!isObject(input)) throw malformed({ body: '请求内容无效' })
    const print = fingerprint(input)
    const earlier = await this.store.reports.findIdempotencyKey(caller.actor.id, key)
    if (earlier) return { report: await replay(this.store, caller, earlier, print), created: false }

    const hold = await this.screenDescription(caller, input)
    const at = this.rt.now()
    return this.store.transaction(async (tx) => {
      // Validate before claiming, so a refused body does not use the key up (the app retries with a new key).
      const draft = await prepareReport(tx, this.rt, caller.actor, input, at, onBehalf)
      const claimed = await tx.reports.claimIdempotencyKey({ userId: caller.actor.id, key, fingerprint: print, reportId: draft.report.id, at: at.toISOString() })
      if (!claimed) {
        const winner = await tx.reports.findIdempotencyKey(caller.actor.id, key)
        if (!winner) throw new ApiError('conflict', '提交冲突，请重试')
        return { report: await replay(tx, caller, winner, print), created: false }
      }
      const report = await createReport(tx, this.rt, caller, draft, hold)
      return { report: await withPhotos(tx, caller, report), created: true }
    })
  }

  /** Mine: what I reported, what I filed for a neighbour (代报), and what was filed for my household. */
  async listMine(caller: Caller, query: PageQuery = {}): Promise<Page<ReportSummary>> {
    const { actor } = caller
    const limit = pageLimit(query)
    const rows = await this.store.reports.listMine({ userId: actor.id, communityId: requireCommunity(actor), home: actor.home }, parseKeyset(query.cursor), limit + 1)
    // Summary columns only; the thumbnail only of a photo I may see (a 代报 filer's photo not checked yet is not).
    const sees = await photoSight(this.store, actor, rows.slice(0, limit).flatMap((r) => (r.firstPhotoId ? [r.firstPhotoId] : [])))
    return pageOf(rows, limit, ({ firstPhotoId, ...row }) => (firstPhotoId && sees(firstPhotoId) ? { ...row, thumbnailUrl: caller.photoUrl(firstPhotoId) } : row))
  }

  /** The community's open reports as other residents may see them (for 附议). */
  async listPublic(caller: Caller, query: PageQuery & { categoryId?: string } = {}): Promise<Page<ReportSummary>> {
    const limit = pageLimit(query)
    const cursor: Keyset | null = parseKeyset(query.cursor)
    const categoryId = typeof query.categoryId === 'string' && query.categoryId ? query.categoryId : undefined
    const rows = await this.store.reports.listOpen({ communityId: requireCommunity(caller.actor), categoryId }, cursor, limit + 1)
    const sees = await photoSight(this.store, caller.actor, rows.slice(0, limit).flatMap((r) => r.photos.map((p) => p.id)))
    return pageOf(rows, limit, (r) => summarize(withPhotoUrls(caller, viewReport(r, caller.actor), sees)))
  }

  /** One report with its timeline and the moves the caller may make (not_found for anyone who may not read it). */
  async get(caller: Caller, id: string): Promise<ReportDetail> {
    return detailOf(this.store, caller, await readableReport(this.store, caller, id))
  }

  /** 附议: my voice on another resident's open report of my community. */
  async meToo(caller: Caller, id: string): Promise<ReportSummary> {
    const { actor } = caller
    return this.store.transaction(async (tx) => {
      const report = typeof id === 'string' ? await tx.reports.findForUpdate(id) : null
      // A report held out of the public view is not there for other residents.
      if (!report || report.communityId !== requireCommunity(actor) || (report.moderation && !canReadReport(actor, report))) throw notFound('诉求不存在')
      // A resident's voice: staff, grid workers and admins handle reports, they do not add to them.
      if (!hasRole(actor, 'resident')) throw forbidden('附议仅限本社区居民')
      // The household's own report, or one this person filed for a neighbour (代报): not a second voice.
      if (isReporter(actor, report) || report.filedBy?.id === actor.id) throw conflict('这是您自己提交的诉求')
      if (isTerminal(report.status)) throw conflict('该诉求已结束，无法附议')
      const count = await tx.reports.addMeToo(report.id, actor.id, this.rt.now().toISOString())
      const sees = await photoSight(tx, actor, report.photos.map((p) => p.id))
      return summarize(withPhotoUrls(caller, viewReport({ ...report, meTooCount: count }, actor), sees))
    })
  }
}

/** Store a prepared report, held for review (out of the public view) when the content check said so. */
async function createReport(tx: Repositories, rt: Runtime, caller: Caller, draft: PreparedReport, hold: Hold | null): Promise<Report> {
  const report = await tx.reports.create(hold ? { ...draft.report, moderation: { status: 'held' } } : draft.report, draft.firstEvent)
  if (hold) await holdText(tx, rt, { kind: 'report', subjectId: report.id, communityId: report.communityId, authorId: caller.actor.id, hold, at: report.createdAt })
  return report
}

/** A page from `limit + 1` rows: the first `limit`, and a cursor when there were more. */
function pageOf<R extends Keyset, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit)
  return { items: items.map(map), ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) }
}

async function replay(repos: Repositories, caller: Caller, earlier: { fingerprint: string; reportId: string }, print: string): Promise<Report> {
  if (earlier.fingerprint !== print) throw validationError({ idempotencyKey: IDEMPOTENCY_MESSAGES.reused })
  const original = await repos.reports.find(earlier.reportId)
  if (!original || !canReadReport(caller.actor, original)) throw notFound(NOT_READABLE)
  return withPhotos(repos, caller, original)
}

function isObject(value: unknown): value is Record<string, unknown> & NewReportInput {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface PreparedReport {
  report: Report
  firstEvent: TimelineEvent
}

/** What a request's body may hold wrongly typed (the server's schema refuses it earlier; the memory adapter gets it as sent). */
function shapeErrors(input: NewReportInput): FieldErrors {
  const errors: FieldErrors = {}
  if (typeof input.anonymous !== 'boolean') errors.anonymous = '请选择是否匿名'
  if (!Array.isArray(input.photoIds)) errors.photos = '照片列表格式不正确'
  // Linli's own categories ask no extra questions (only an Open311 service definition does).
  if (isObject(input.answers) && Object.keys(input.answers).length > 0) errors.answers = NO_QUESTIONS_MESSAGE
  return errors
}

/** Check a new report against the domain's rules and build it (nothing written yet). */
async function prepareReport(repos: Repositories, rt: Runtime, actor: Actor, input: NewReportInput, at: Date, onBehalf: boolean): Promise<PreparedReport> {
  const behalf = onBehalf ? input.onBehalfOf : undefined
  const buildings = await repos.directory.listBuildings(requireCommunity(actor))
  let building: Building | null
  if (onBehalf) {
    // 代报: refused outright outside the filer's buildings (403), before the body's rules (422).
    building = buildings.find((b) => isObject(behalf) && b.id === behalf.buildingId) ?? null
    const refusal = building ? refuseFileOnBehalf(actor, building) : null
    if (refusal) throw forbidden(refusal.message)
  } else {
    building = buildings.find((b) => b.id === actor.home?.buildingId) ?? null
  }
  // Routed to the grid of the building the problem is at, when the reporter says which (defect 3:
  // a lamp at 2号楼 goes to 2号楼's grid, not the reporter's); else to the home's. Staff transfer it
  // if it belongs elsewhere still.
  const place = buildings.find((b) => b.id === input.buildingId) ?? building
  const categories = await repos.directory.listCategories(requireCommunity(actor))
  const errors: FieldErrors = {
    ...validateNewReport(
      {
        categoryId: typeof input.categoryId === 'string' ? input.categoryId : undefined,
        description: typeof input.description === 'string' ? input.description : undefined,
        photoCount: Array.isArray(input.photoIds) ? input.photoIds.length : 0,
        location: isObject(input.location) ? input.location : null,
      },
      categories,
    ),
    ...shapeErrors(input),
    ...validateReportBuilding(input.buildingId, buildings),
    ...(onBehalf ? validateOnBehalf(behalf, buildings) : {}),
  }
  if (hasErrors(errors)) throw validationError(errors)
  const photos = await ownPhotos(repos, actor.id, input.photoIds, 'photos')
  const household = behalf ? await householdOf(repos, actor, behalf) : null
  const category = categories.find((c) => c.id === input.categoryId)!
  const gridId = place?.gridId ?? (await repos.directory.listGrids(requireCommunity(actor)))[0]?.id
  if (!gridId) throw new ApiError('not_supported', '社区尚未划分网格，暂不能提交诉求')
  const createdAt = at.toISOString()
  const id = rt.newId('r')
  const location = input.location.kind === 'text' ? { kind: 'text' as const, address: cleanText(input.location.address) } : input.location
  const report: Report = {
    id,
    number: '',
    communityId: requireCommunity(actor),
    gridId,
    ...(place ? { buildingId: place.id } : {}),
    categoryId: category.id,
    categoryName: category.name,
    description: cleanText(input.description),
    photos,
    location,
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
  const firstEvent: TimelineEvent = {
    id: rt.newId('e'),
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
  return { report, firstEvent }
}

/**
 * Who a 代报 report belongs to: the first resident registered in the household, else the home
 * itself (`home:<building>:<room>`; whoever comes to live there counts as its reporter).
 */
async function householdOf(repos: Repositories, actor: Actor, behalf: NonNullable<NewReportInput['onBehalfOf']>) {
  const resident = await repos.users.findResidentAt(requireCommunity(actor), { buildingId: behalf.buildingId, room: behalf.room })
  return {
    reporterId: resident?.id ?? householdReporterId(behalf.buildingId, behalf.room),
    reporterName: resident?.name ?? beneficiaryOf(behalf).name ?? '住户',
  }
}

/** The reporter of a 代报 report for a household where nobody has an account yet. */
export function householdReporterId(buildingId: string, room: string): string {
  return `home:${buildingId}:${room}`
}
