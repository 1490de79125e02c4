import { makeAutoObservable, runInAction } from 'mobx'
import type { AssignInput, LocalPhoto, NewReportInput, PhoneRevealInput, TransferInput } from '../../types/api'
import type { Report, ReportDetail, ReportSummary } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { validateMoveFields } from '../domain/report-moves'
import type { ReportMove } from '../domain/report-status'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import type { OnSignOut } from './sign-out'

export interface ReplyTemplate {
  id: string
  title: string
  text: string
}

/** One handling step as the screen asks for it; photos are still on the device. */
export type MoveRequest =
  | { move: 'accept' | 'escalate' | 'close'; note?: string }
  | { move: 'reject'; reason: string }
  | { move: 'assign'; assignee?: AssignInput['assignee']; note?: string }
  | { move: 'transfer'; target?: TransferInput['target']; note?: string }
  | { move: 'progress' | 'resolve'; note?: string; photos?: LocalPhoto[] }
  | { move: 'merge'; intoReportId?: string; note?: string }

export type MoveOutcome = { ok: true; detail: ReportDetail } | { ok: false; message: string; fields: FieldErrors }

/** The number to dial, or why not: `transient` when trying again later may work (network, server). */
export type PhoneOutcome = { ok: true; phone: string } | { ok: false; message: string; transient: boolean; fields: FieldErrors }

export type FileOutcome = { ok: true; report: Report } | { ok: false; message: string; fields: FieldErrors }

const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress', 'transferred', 'reopened'] as const

/**
 * The handler's actions on one report (受理, 派单, 办结 …), reply templates, and 代报. A step goes out
 * once at a time; its answer replaces the report's detail (through `onChange`).
 */
export class HandlingStore {
  templates: ReplyTemplate[] = []
  /** The step being sent, if any. */
  busy: ReportMove | null = null
  filing = false
  /** The report whose contact's number is being fetched (拨打电话), if any. */
  calling: string | null = null
  /** Other open reports a duplicate can be merged into, by report id. */
  mergeCandidates = new Map<string, ReportSummary[]>()
  private templatesLoaded = false

  /** Told about every detail a step returns (the root puts it into the details and the inbox). */
  onChange: (detail: ReportDetail) => void = () => undefined

  constructor(
    private readonly api: Pick<ApiClient, 'handling' | 'media'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<HandlingStore, 'api' | 'templatesLoaded'>(this, { api: false, onChange: false, templatesLoaded: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  async loadTemplates(): Promise<void> {
    if (this.templatesLoaded) return
    this.templatesLoaded = true
    try {
      const templates = await this.api.handling.listReplyTemplates()
      runInAction(() => (this.templates = templates))
    } catch {
      // Templates are a convenience: without them the handler types the note.
      this.templatesLoaded = false
    }
  }

  /** Open reports of the same community, same category first, this one left out. */
  async loadMergeCandidates(report: Pick<Report, 'id' | 'categoryId'>): Promise<void> {
    try {
      const page = await this.api.handling.listInbox({ status: [...OPEN_STATUSES], limit: 50 })
      const others = page.items.filter((r) => r.id !== report.id)
      others.sort((a, b) => Number(b.categoryId === report.categoryId) - Number(a.categoryId === report.categoryId))
      runInAction(() => this.mergeCandidates.set(report.id, others))
    } catch {
      runInAction(() => this.mergeCandidates.set(report.id, []))
    }
  }

  /**
   * Checked with the domain's rules of a move first (the backend checks again, with the same words),
   * so a mistake shows without a round trip; then photos (a step refers to them by id), then the step.
   */
  async act(reportId: string, request: MoveRequest): Promise<MoveOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    const fields = validateMoveFields(request.move, request, reportId)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    this.busy = request.move
    try {
      const detail = await this.send(reportId, request)
      this.onChange(detail)
      return { ok: true, detail }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  private async send(id: string, request: MoveRequest): Promise<ReportDetail> {
    const h = this.api.handling
    const note = request.move === 'reject' ? undefined : cleanText(request.note ?? '') || undefined
    switch (request.move) {
      case 'accept':
        return h.accept(id, note ? { note } : {})
      case 'close':
        return h.close(id, note ? { note } : {})
      case 'escalate':
        return h.escalate(id, note ? { note } : {})
      case 'reject':
        return h.reject(id, { reason: cleanText(request.reason) })
      case 'assign':
        return h.assign(id, { assignee: request.assignee!, ...(note ? { note } : {}) })
      case 'transfer':
        return h.transfer(id, { target: request.target!, ...(note ? { note } : {}) })
      case 'merge':
        return h.merge(id, { intoReportId: request.intoReportId!, ...(note ? { note } : {}) })
      case 'progress':
      case 'resolve': {
        const photoIds = await this.upload(request.photos ?? [])
        const input = { ...(note ? { note } : {}), ...(photoIds.length ? { photoIds } : {}) }
        return request.move === 'progress' ? h.progress(id, input) : h.resolve(id, input)
      }
    }
  }

  private async upload(photos: LocalPhoto[]): Promise<string[]> {
    const ids: string[] = []
    for (const photo of photos) ids.push((await this.api.media.uploadPhoto(photo)).id)
    return ids
  }

  /**
   * The full number of whom to call about a report, asked of the backend at the moment of calling
   * (only the report's handlers get it) and not kept: the store holds only the masked one, in the
   * report's detail. The handler's reason goes with the request: the backend records every reveal.
   */
  async contactPhone(reportId: string, input: PhoneRevealInput): Promise<PhoneOutcome> {
    if (this.calling) return { ok: false, message: '正在获取电话号码，请稍候', transient: false, fields: {} }
    this.calling = reportId
    try {
      const { phone } = await this.api.handling.reporterPhone(reportId, input)
      return { ok: true, phone }
    } catch (error) {
      return { ok: false, message: messageOf(error), transient: !isApiError(error) || error.retryable, fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.calling = null))
    }
  }

  /**
   * 代报: file for a neighbour. `key` is kept by the screen across retries of the same report, so a
   * retry after a lost answer never files it twice.
   */
  async fileOnBehalf(input: Omit<NewReportInput, 'photoIds'>, photos: LocalPhoto[], key: string): Promise<FileOutcome> {
    if (this.filing) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.filing = true
    try {
      const photoIds = await this.upload(photos)
      const report = await this.api.handling.submitOnBehalf({ ...input, photoIds }, { idempotencyKey: key })
      return { ok: true, report }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.filing = false))
    }
  }

  clear(): void {
    this.templates = []
    this.templatesLoaded = false
    this.mergeCandidates.clear()
    this.busy = null
    this.filing = false
    this.calling = null
  }
}
