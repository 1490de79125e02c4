import type { Report } from '../../types/domain'
import { isOverdue } from './deadline'
import { isTerminal } from './report-status'
import { compareCodePoints } from './text'

export { compareCodePoints }

/**
 * The order of a handler's inbox (工单), most urgent first: overdue open reports and those being
 * redone because the resident was not satisfied (重办), then the other open ones, then those waiting
 * on the resident (resolved), then the finished ones; within a rank
 * the nearest deadline first, then the oldest filing, then the id. Every adapter answers the inbox
 * in this order (the SQL one with an ORDER BY of the same ranks), so it is written once here.
 */

/** 0 overdue or redone (居民不满意), 1 open, 2 resolved (waiting on the resident), 3 finished (closed, rejected, merged). */
export type InboxRank = 0 | 1 | 2 | 3

/**
 * 居民不满意: the resident rated the fix unsatisfied and the report is being handled again — reopened,
 * or already accepted, assigned or transferred since — until it is resolved again. A reopened report
 * gets a fresh deadline, so this, not the deadline, is what keeps it with the urgent ones.
 */
export function isRedo(report: Pick<Report, 'status' | 'reopenCount'>): boolean {
  if (report.status === 'reopened') return true
  return report.reopenCount > 0 && report.status !== 'resolved' && !isTerminal(report.status)
}

export function inboxRank(report: Pick<Report, 'status' | 'deadlineAt' | 'reopenCount'>, now: Date): InboxRank {
  if (isTerminal(report.status)) return 3
  if (report.status === 'resolved') return 2
  return isOverdue(report, now) || isRedo(report) ? 0 : 1
}

/**
 * The inbox's comparator at `now`: rank, then deadline, filing time and id, each in plain
 * code-point order — the order a database sorts ISO instants and "C"-collated ids in.
 */
export function compareInbox(now: Date): (a: InboxRow, b: InboxRow) => number {
  return (a, b) =>
    inboxRank(a, now) - inboxRank(b, now) ||
    compareCodePoints(a.deadlineAt, b.deadlineAt) ||
    compareCodePoints(a.createdAt, b.createdAt) ||
    compareCodePoints(a.id, b.id)
}

export type InboxRow = Pick<Report, 'id' | 'status' | 'deadlineAt' | 'createdAt' | 'reopenCount'>

/**
 * Where an inbox row stands in the order at an instant: the keyset an inbox page continues after.
 * The SQL adapter reads each rank as ranges of one index, so the next page costs the same however
 * deep it is (no offset).
 */
export interface InboxPosition {
  rank: InboxRank
  deadlineAt: string
  createdAt: string
  id: string
}

export function inboxPosition(row: InboxRow, now: Date): InboxPosition {
  return { rank: inboxRank(row, now), deadlineAt: row.deadlineAt, createdAt: row.createdAt, id: row.id }
}

/** Whether `row` comes after `position` in the inbox order at `now`. */
export function isAfterPosition(row: InboxRow, position: InboxPosition, now: Date): boolean {
  const here = inboxPosition(row, now)
  const order =
    here.rank - position.rank ||
    compareCodePoints(here.deadlineAt, position.deadlineAt) ||
    compareCodePoints(here.createdAt, position.createdAt) ||
    compareCodePoints(here.id, position.id)
  return order > 0
}
