import type { AssignInput, InboxQuery, MergeInput, PhoneRevealInput, RatingInput, TransferInput } from '../../../types/api'
import type { Assignee, Id, Page, Report, ReportDetail, ReporterPhone, ReportStatus, ReportSummary, TimelineEvent } from '../../../types/domain'
import { isHandler, type Actor } from '../../domain/actor'
import { canHandleReport, refuseMove, type Refusal } from '../../domain/permissions'
import { decideMove, type MoveInput } from '../../domain/report-moves'
import { isTerminal, REPORT_MOVES, REPORT_STATUSES, type ReportMove } from '../../domain/report-status'
import { summarize } from '../../domain/report-views'
import { inboxPosition } from '../../domain/inbox'
import { dialablePhone } from '../../domain/text'
import type { Caller, Log, Notifier, Runtime } from '../context'
import { ApiError, conflict, forbidden, malformed, notFound, validationError, requireCommunity } from '../errors'
import { encodeInboxCursor, pageLimit, parseInboxCursor } from '../paging'
import type { ReplyTemplate, Repositories, Store } from '../ports'
import { detailOf, ownPhotos, readableReport, withPhotoUrls } from './report-view'
import { reportMoveAction } from '../../domain/moderation/audit'
import { recordAudit } from './audit'
import { phoneRevealNote, validatePhoneReveal } from '../../domain/phone-reveal'

export const PHONE_FORBIDDEN = '只有负责该诉求的社区工作者和网格员可以拨打反映人电话'
export const NO_PHONE = '反映人没有登记电话号码'

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

export interface HandlingOptions {
  /** Told after each committed move that changes a report's status (default: nobody). */
  notifier: Notifier
  /** Where a failing notifier is reported. */
  log: Log
}

/**
 * The handlers' side of the report loop: the inbox, every move on a report (the resident's rating
 * included: it is a move of the same machine), reply templates.
 */
export class HandlingService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly options: HandlingOptions,
  ) {}

  /** Reports of my community (staff) or my grids (grid worker), most urgent first (domain/inbox.ts). */
  async inbox(caller: Caller, query: InboxQuery = {}): Promise<Page<ReportSummary>> {
    const { actor } = caller
    if (!isHandler(actor)) throw forbidden('只有社区工作者和网格员可以查看工单')
    const limit = pageLimit(query)
    const cursor = parseInboxCursor(query.cursor)
    const asOf = cursor?.asOf ?? this.rt.now().toISOString()
    const rows = await this.store.reports.listInbox(
      {
        communityId: requireCommunity(actor),
        gridIds: actor.roles.includes('staff') ? 'all' : actor.gridIds,
        statuses: statusesOf(query.status),
        categoryId: textOrUndefined(query.categoryId),
        gridId: textOrUndefined(query.gridId),
        overdueOnly: query.overdueOnly === true,
        escalatedOnly: query.escalatedOnly === true,
      },
      asOf,
      cursor?.after ?? null,
      limit + 1,
    )
    const page = rows.slice(0, limit)
    const items = page.map((r) => summarize(withPhotoUrls(caller, r)))
    const last = page[page.length - 1]
    return { items, ...(rows.length > limit ? { nextCursor: encodeInboxCursor(asOf, inboxPosition(last, new Date(asOf))) } : {}) }
  }

  /**
   * A move on a report, in one transaction that holds the report. Who may act is decided before the
   * request's contents are looked at (a resident gets 403, not 422), then the domain decides.
   */
  async move(caller: Caller, id: string, move: ReportMove, raw: RawMoveInput = {}): Promise<ReportDetail> {
    if (!REPORT_MOVES.includes(move)) throw malformed({ move: '不支持的操作' })
    const at = this.rt.now()
    const { detail, report, event } = await this.store.transaction(async (tx) => {
      const current = await readableReport(tx, caller, id, true)
      const moved = await applyMove(tx, this.rt, caller.actor, current, move, raw ?? {}, at)
      return { detail: await detailOf(tx, caller, moved.report), ...moved }
    })
    await this.announce(caller.actor, report, event)
    return detail
  }

  /**
   * The full number of whom to call about a report (its reporter, the household, or its filer:
   * `UserRepository.findContact`), for the report's handlers only: anyone who may not read the
   * report gets not_found as from every report endpoint, a reader who does not handle it (the
   * reporter, the filer) forbidden — both before the request is looked at. The handler says why
   * (`validatePhoneReveal`, 422), and every reveal is recorded in the audit log (`phone.reveal`:
   * who, whose, when, why) in the transaction that reads the number: no record, no number.
   */
  async reporterPhone(caller: Caller, id: string, input: unknown): Promise<ReporterPhone> {
    return this.store.transaction(async (tx) => {
      const report = await readableReport(tx, caller, id)
      if (!canHandleReport(caller.actor, report)) throw forbidden(PHONE_FORBIDDEN)
      const fields = validatePhoneReveal(input)
      if (Object.keys(fields).length > 0) throw validationError(fields)
      const { reason, note } = input as PhoneRevealInput
      const contact = await tx.users.findContact(report)
      const phone = contact && dialablePhone(contact.phone)
      if (!contact || !phone) throw notFound(NO_PHONE)
      await recordAudit(tx, this.rt, caller.actor, report.communityId, {
        action: 'phone.reveal',
        subject: { kind: 'report', id: report.id },
        concerns: contact.id,
        note: phoneRevealNote(reason, note),
        details: { reason, relation: contact.relation },
      })
      return { name: contact.name, phone, relation: contact.relation }
    })
  }

  async replyTemplates(caller: Caller): Promise<ReplyTemplate[]> {
    if (!isHandler(caller.actor)) throw forbidden('只有社区工作者和网格员可以使用常用回复')
    return this.store.directory.listReplyTemplates(requireCommunity(caller.actor))
  }

  /**
   * After a committed move that changed the status: tell the people who follow the report (its
   * reporter, the residents of the household it was filed for, its filer), not the one who moved
   * it. Internal steps are not announced. The notifier is not waited for: its failure or slowness
   * is logged and never reaches the request.
   */
  private async announce(actor: Actor, report: Report, event: TimelineEvent): Promise<void> {
    if (event.fromStatus === event.toStatus || !event.public) return
    const { notifier, log } = this.options
    let followers: Array<{ id: string; openid?: string }>
    try {
      followers = await this.store.users.findFollowers(report)
    } catch (error) {
      log.warn({ err: error, reportId: report.id }, 'notify: could not read who follows the report')
      return
    }
    for (const follower of followers) {
      if (follower.id === actor.id) continue
      const failed = (error: unknown) =>
        log.warn({ err: error, userId: follower.id, reportId: report.id, move: event.action }, 'notify: the notifier failed (the move stands)')
      try {
        notifier
          .notify({
            recipient: { userId: follower.id, ...(follower.openid ? { openid: follower.openid } : {}) },
            report: { id: report.id, number: report.number, categoryName: report.categoryName, description: report.description },
            move: event.action,
            from: event.fromStatus,
            to: event.toStatus,
            at: event.at,
            ...(event.note ? { note: event.note } : {}),
          })
          .catch(failed)
      } catch (error) {
        failed(error)
      }
    }
  }
}

/** forbidden → 403; a move the status does not allow → 409 conflict (someone else moved it first). */
export function refusalError(refusal: Refusal): ApiError {
  return new ApiError(refusal.code === 'forbidden' ? 'forbidden' : 'conflict', refusal.message)
}

/** Make a move on a report the transaction holds; answers the report after it and the timeline event written. */
export async function applyMove(
  tx: Repositories,
  rt: Runtime,
  actor: Actor,
  report: Report,
  move: ReportMove,
  raw: RawMoveInput,
  at: Date,
): Promise<{ report: Report; event: TimelineEvent }> {
  const refusal = refuseMove(actor, report, move)
  if (refusal) throw refusalError(refusal)
  const input = await resolveMoveInput(tx, actor, report, raw)
  const outcome = decideMove(actor, report, move, input, at)
  if (!outcome.ok) {
    const v = outcome.violation
    throw v.code === 'validation' ? validationError(v.fields, v.message) : refusalError(v)
  }
  if (!(await tx.reports.update(outcome.report, report.version))) throw conflict()
  const event = { ...outcome.event, id: rt.newId('e') }
  await tx.reports.addEvent(event)
  // A handler's move is a staff action residents are owed a record of (issue 13); a rating is not.
  const action = reportMoveAction(move)
  if (action) {
    await recordAudit(tx, rt, actor, report.communityId, {
      action,
      subject: { kind: 'report', id: report.id },
      concerns: report.reporterId,
      note: event.note,
      details: {
        from: event.fromStatus,
        to: event.toStatus,
        ...(event.assignee ? { assigneeKind: event.assignee.kind, assigneeId: event.assignee.id } : {}),
        ...(outcome.report.mergedIntoId && move === 'merge' ? { into: outcome.report.mergedIntoId } : {}),
      },
      at: event.at,
    })
  }
  return { report: outcome.report, event }
}

/** Turn ids in a request into the names and records a move carries; unknown ids are field errors. */
async function resolveMoveInput(tx: Repositories, actor: Actor, report: Report, raw: RawMoveInput): Promise<MoveInput> {
  const input: MoveInput = { note: raw.note, reason: raw.reason, rating: raw.rating, intoReportId: raw.intoReportId }
  input.deadlineHours = (await tx.directory.listCategories(report.communityId)).find((c) => c.id === report.categoryId)?.deadlineHours
  input.photos = await ownPhotos(tx, actor.id, raw.photoIds, 'photoIds')
  if (raw.assignee) input.assignee = await resolveAssignee(tx, report, raw.assignee)
  if (raw.target) {
    if (raw.target.kind === 'grid') {
      const grid = (await tx.directory.listGrids(report.communityId)).find((g) => g.id === raw.target!.id)
      if (!grid) throw validationError({ target: '网格不存在' })
      input.target = { kind: 'grid', id: grid.id }
    } else {
      const dept = (await tx.directory.listDepartments(report.communityId)).find((d) => d.id === raw.target!.id)
      if (!dept) throw validationError({ target: '部门不存在' })
      input.target = { kind: 'department', id: dept.id, name: dept.name }
    }
  }
  if (raw.intoReportId) {
    const into = typeof raw.intoReportId === 'string' ? await tx.reports.find(raw.intoReportId) : null
    if (!into || into.communityId !== report.communityId || isTerminal(into.status)) {
      throw validationError({ intoReportId: '要合并到的诉求不存在或已结束' })
    }
  }
  return input
}

/** A department of the report's community, or a staff member / grid worker of its grid in its community. */
async function resolveAssignee(tx: Repositories, report: Report, raw: Pick<Assignee, 'kind' | 'id'>): Promise<Assignee> {
  if (raw.kind === 'department') {
    const dept = (await tx.directory.listDepartments(report.communityId)).find((d) => d.id === raw.id)
    if (!dept) throw validationError({ assignee: '部门不存在' })
    return { kind: 'department', id: dept.id, name: dept.name }
  }
  const user = typeof raw.id === 'string' ? await tx.users.find(raw.id) : null
  const canTake =
    user &&
    user.communityId === report.communityId &&
    (user.roles.includes('staff') || (user.roles.includes('grid_worker') && user.gridIds.includes(report.gridId)))
  if (!user || !canTake) throw validationError({ assignee: '只能派给本网格的网格员或社区工作者' })
  return { kind: 'user', id: user.id, name: user.name }
}

/** `['submitted', 'accepted']` or `'submitted,accepted'` → statuses, or a malformed request. */
export function statusesOf(value: readonly ReportStatus[] | string | undefined): ReportStatus[] | undefined {
  if (value === undefined || value === '') return undefined
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? [...value] : null
  if (!list || list.some((s) => !REPORT_STATUSES.includes(s as ReportStatus))) throw malformed({ status: '状态参数无效' })
  return list.length ? (list as ReportStatus[]) : undefined
}

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
