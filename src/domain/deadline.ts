import type { Instant, ReportStatus } from '../../types/domain'
import { isTerminal } from './report-status'

const HOUR = 3_600_000

export function deadlineFor(createdAt: Instant, deadlineHours: number): Instant {
  return new Date(Date.parse(createdAt) + deadlineHours * HOUR).toISOString()
}

/** A report is overdue while it is still waiting for a fix past its deadline. */
export function isOverdue(report: { status: ReportStatus; deadlineAt: Instant }, now: Date): boolean {
  if (report.status === 'resolved' || isTerminal(report.status)) return false
  return now.getTime() > Date.parse(report.deadlineAt)
}

/** Hours left until the deadline (negative when overdue). */
export function hoursLeft(deadlineAt: Instant, now: Date): number {
  return (Date.parse(deadlineAt) - now.getTime()) / HOUR
}
