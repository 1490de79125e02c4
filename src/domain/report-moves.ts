import type { Assignee, Photo, RatingLevel, Report, TimelineEvent } from '../../types/domain'
import { displayRole, type Actor } from './actor'
import { RATING_LABEL } from './labels'
import { refuseMove } from './permissions'
import { nextStatus, type ReportMove } from './report-status'
import { cleanText } from './text'
import { type FieldErrors, hasErrors, validateNote, validateRating, validateReason } from './validation'

/** What a move carries, already resolved by the backend (names looked up, photos uploaded). */
export interface MoveInput {
  note?: string
  reason?: string
  photos?: Photo[]
  assignee?: Assignee
  /** Where a transfer goes: another grid, or a department. */
  target?: { kind: 'grid'; id: string } | { kind: 'department'; id: string; name: string }
  intoReportId?: string
  rating?: { level: RatingLevel; comment: string }
  /** The category's 限时办结 span, so a reopened report gets the full span again (not a grown one). */
  deadlineHours?: number
}

export type Violation =
  | { code: 'forbidden'; message: string }
  | { code: 'invalid_transition'; message: string }
  | { code: 'validation'; message: string; fields: FieldErrors }

export type MoveOutcome =
  | { ok: true; report: Report; event: Omit<TimelineEvent, 'id'> }
  | { ok: false; violation: Violation }

/**
 * What a move's fields are checked on: the texts, and whether each choice is there. A handler's
 * device checks a step with it before sending (its choices are still ids), and `decideMove` checks
 * it again on the backend with the choices resolved.
 */
export interface MoveFields {
  note?: string
  reason?: string
  assignee?: unknown
  target?: unknown
  intoReportId?: string
  rating?: { level: RatingLevel; comment: string }
}

/**
 * The field rules of a move, by field, in the words the user sees. `reportId` is the report being
 * moved (a report cannot be merged into itself); leave it out where it is not known yet.
 */
export function validateMoveFields(move: ReportMove, input: MoveFields, reportId?: string): FieldErrors {
  switch (move) {
    case 'reject':
      return validateReason(input.reason)
    case 'assign':
      return input.assignee ? validateNote(input.note, false) : { assignee: '请选择处置人或部门' }
    case 'transfer':
      return input.target ? validateNote(input.note, true) : { target: '请选择转派给哪个网格或部门' }
    case 'progress':
    case 'resolve':
      return validateNote(input.note, true)
    case 'rate':
      return validateRating(input.rating?.level, input.rating?.comment)
    case 'merge':
      if (!input.intoReportId) return { intoReportId: '请选择要合并到的诉求' }
      if (input.intoReportId === reportId) return { intoReportId: '不能合并到自身' }
      return validateNote(input.note, false)
    case 'accept':
    case 'close':
    case 'escalate':
      return validateNote(input.note, false)
  }
}

function noteFor(move: ReportMove, input: MoveInput): string | undefined {
  if (move === 'reject') return cleanText(input.reason ?? '')
  if (move === 'rate' && input.rating) {
    const comment = cleanText(input.rating.comment)
    return comment ? `${RATING_LABEL[input.rating.level]}：${comment}` : RATING_LABEL[input.rating.level]
  }
  const note = cleanText(input.note ?? '')
  return note || undefined
}

/**
 * Decide a move: check who may make it, validate what it carries, and compute the report after it
 * and the timeline event that records it. Pure: the caller persists the outcome (in one transaction,
 * after locking the report, on the server).
 */
export function decideMove(actor: Actor, report: Report, move: ReportMove, input: MoveInput, now: Date): MoveOutcome {
  const refusal = refuseMove(actor, report, move)
  if (refusal) return { ok: false, violation: refusal }
  const fields = validateMoveFields(move, input, report.id)
  if (hasErrors(fields)) {
    return { ok: false, violation: { code: 'validation', message: Object.values(fields)[0], fields } }
  }

  const at = now.toISOString()
  const toStatus = nextStatus(report.status, move, input.rating?.level)
  if (toStatus === null) {
    return { ok: false, violation: { code: 'invalid_transition', message: '当前状态下不能进行此操作' } }
  }
  const next: Report = { ...report, status: toStatus, updatedAt: at, version: report.version + 1 }

  switch (move) {
    case 'accept':
      next.acceptedAt = report.acceptedAt ?? at
      break
    case 'assign':
      next.assignee = input.assignee
      next.acceptedAt = report.acceptedAt ?? at
      break
    case 'transfer':
      if (input.target?.kind === 'grid') {
        next.gridId = input.target.id
        next.assignee = undefined
      } else if (input.target?.kind === 'department') {
        next.assignee = { kind: 'department', id: input.target.id, name: input.target.name }
      }
      break
    case 'resolve':
      next.resolvedAt = at
      break
    case 'rate':
      next.rating = { level: input.rating!.level, comment: cleanText(input.rating!.comment), at }
      if (toStatus === 'reopened') {
        // 重办: the clock starts again with the category's full span, and the old resolution no longer counts.
        // After a first reopening deadlineAt - createdAt is no longer the category's span: prefer the span itself.
        const span =
          input.deadlineHours !== undefined ? input.deadlineHours * 3_600_000 : Date.parse(report.deadlineAt) - Date.parse(report.createdAt)
        next.deadlineAt = new Date(now.getTime() + span).toISOString()
        next.resolvedAt = undefined
        next.reopenCount = report.reopenCount + 1
      }
      break
    case 'merge':
      next.mergedIntoId = input.intoReportId
      break
    case 'escalate':
      next.escalated = true
      break
    case 'reject':
    case 'progress':
    case 'close':
      break
  }

  const event: Omit<TimelineEvent, 'id'> = {
    reportId: report.id,
    action: move,
    fromStatus: report.status,
    toStatus,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: move === 'rate' ? 'resident' : displayRole(actor),
    at,
    note: noteFor(move, input),
    // 派单 says to whom, so the timeline can show it ("派给 孙丽"); a 转派 to a department says which
    // ("转派给 城管中队"), as the report's assignee now does.
    ...(move === 'assign' && input.assignee ? { assignee: input.assignee } : {}),
    ...(move === 'transfer' && input.target?.kind === 'department' ? { assignee: { kind: 'department' as const, id: input.target.id, name: input.target.name } } : {}),
    photos: input.photos ?? [],
    // 督办 is an internal memo to the community head; everything else the resident sees.
    public: move !== 'escalate',
  }
  return { ok: true, report: next, event }
}
