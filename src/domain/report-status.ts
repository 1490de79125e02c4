import type { RatingLevel, ReportAction, ReportStatus, Role } from '../../types/domain'

/**
 * The report status machine (the handling loop of docs/product.md):
 *
 *   submitted → accepted → in_progress → resolved → closed
 *   side paths: rejected (with a reason), transferred (to another grid/department, awaiting acceptance),
 *   reopened (the resident was not satisfied: 重办), merged (a duplicate of another report).
 *
 * Each move names the statuses it starts from, where it leads and which roles may make it. Scope
 * (which community, grid or report) is checked by `permissions.ts`; this file is only the graph.
 */

export const REPORT_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'transferred',
  'reopened',
  'merged',
]

/** Statuses where the loop has ended: nobody acts on the report any more. */
export const TERMINAL_STATUSES: readonly ReportStatus[] = ['closed', 'rejected', 'merged']

/** Actions that operate on an existing report (everything but `submit`). */
export type ReportMove = Exclude<ReportAction, 'submit'>

interface MoveRule {
  from: readonly ReportStatus[]
  /** `null` keeps the status (a timeline entry only); `rate` depends on the rating. */
  to: ReportStatus | null | ((rating: RatingLevel) => ReportStatus)
  roles: readonly Role[]
}

const HANDLERS: readonly Role[] = ['staff', 'grid_worker']
const OPEN_FOR_HANDLING: readonly ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'transferred', 'reopened']

export const MOVES: Readonly<Record<ReportMove, MoveRule>> = {
  accept: { from: ['submitted', 'transferred', 'reopened'], to: 'accepted', roles: HANDLERS },
  reject: { from: ['submitted', 'transferred'], to: 'rejected', roles: ['staff'] },
  assign: { from: ['accepted', 'reopened'], to: 'in_progress', roles: HANDLERS },
  transfer: { from: ['submitted', 'accepted', 'in_progress', 'reopened'], to: 'transferred', roles: HANDLERS },
  progress: { from: ['accepted', 'in_progress'], to: null, roles: HANDLERS },
  resolve: { from: ['in_progress'], to: 'resolved', roles: HANDLERS },
  rate: {
    from: ['resolved'],
    to: (rating) => (rating === 'unsatisfied' ? 'reopened' : 'closed'),
    // Only the reporter rates; permissions.ts checks that it is their report.
    roles: ['resident', 'building_leader', 'grid_worker', 'staff', 'admin'],
  },
  close: { from: ['resolved'], to: 'closed', roles: ['staff'] },
  merge: { from: ['submitted', 'accepted', 'transferred'], to: 'merged', roles: ['staff'] },
  escalate: { from: OPEN_FOR_HANDLING, to: null, roles: ['staff'] },
}

export const REPORT_MOVES = Object.keys(MOVES) as ReportMove[]

export function isTerminal(status: ReportStatus): boolean {
  return TERMINAL_STATUSES.includes(status)
}

/** Whether `move` may start from `status` at all, whoever asks. */
export function canMoveFrom(status: ReportStatus, move: ReportMove): boolean {
  return MOVES[move].from.includes(status)
}

/**
 * The status after `move`, or `null` when the move is not allowed from `status`.
 * `rating` is required for `rate` (unsatisfied reopens the report).
 */
export function nextStatus(status: ReportStatus, move: ReportMove, rating?: RatingLevel): ReportStatus | null {
  const rule = MOVES[move]
  if (!rule.from.includes(status)) return null
  if (rule.to === null) return status
  if (typeof rule.to === 'function') {
    if (!rating) return null
    return rule.to(rating)
  }
  return rule.to
}

export function rolesAllowedTo(move: ReportMove): readonly Role[] {
  return MOVES[move].roles
}
