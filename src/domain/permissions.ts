import type { Report, ReportAction, Role } from '../../types/domain'
import type { Actor } from './actor'
import { MOVES, nextStatus, REPORT_MOVES, type ReportMove } from './report-status'

export type ReportScope = Pick<Report, 'communityId' | 'gridId' | 'reporterId' | 'status'> & {
  filedBy?: { id: string }
  beneficiary?: { buildingId: string; room: string }
}

/** The person the report is for: who filed it for themselves, or the household it was filed for (代报). */
export function isReporter(actor: Actor, report: ReportScope): boolean {
  if (report.reporterId === actor.id) return true
  const b = report.beneficiary
  return Boolean(b && actor.communityId === report.communityId && actor.home?.buildingId === b.buildingId && actor.home.room === b.room)
}

export type Refusal =
  | { code: 'forbidden'; message: string }
  | { code: 'invalid_transition'; message: string }

/** Whether the actor holds `role` with a scope that covers this report. */
function roleCovers(actor: Actor, role: Role, report: ReportScope): boolean {
  if (!actor.roles.includes(role)) return false
  if (actor.communityId !== report.communityId) return false
  switch (role) {
    case 'staff':
      return true
    case 'grid_worker':
      return actor.gridIds.includes(report.gridId)
    default:
      return false
  }
}

/** May the actor read this report in full (photos, location, reporter)? */
export function canReadReport(actor: Actor, report: ReportScope): boolean {
  if (isReporter(actor, report)) return true
  if (report.filedBy?.id === actor.id) return true
  return roleCovers(actor, 'staff', report) || roleCovers(actor, 'grid_worker', report)
}

/** May the actor handle (see in an inbox and act on) this report? */
export function canHandleReport(actor: Actor, report: ReportScope): boolean {
  return roleCovers(actor, 'staff', report) || roleCovers(actor, 'grid_worker', report)
}

/**
 * The one rule every adapter obeys: may `actor` make `move` on `report` now?
 * Returns null when allowed, or why not (forbidden: not their report/role/scope;
 * invalid_transition: the role is right but the report's status does not allow it).
 */
export function refuseMove(actor: Actor, report: ReportScope, move: ReportMove): Refusal | null {
  const rule = MOVES[move]
  const permitted =
    move === 'rate'
      ? isReporter(actor, report)
      : rule.roles.some((role) => roleCovers(actor, role, report))
  if (!permitted) {
    return { code: 'forbidden', message: move === 'rate' ? '只有提交人可以评价' : '您没有权限进行此操作' }
  }
  // `rate` needs a rating to know where it leads; any level tells whether the move may start.
  if (nextStatus(report.status, move, 'satisfied') === null) {
    return { code: 'invalid_transition', message: '当前状态下不能进行此操作' }
  }
  return null
}

/** Every move the actor may make on the report now, for showing the right buttons. */
export function allowedMoves(actor: Actor, report: ReportScope): ReportAction[] {
  return REPORT_MOVES.filter((move) => refuseMove(actor, report, move) === null)
}
