import type { Report, ReportSummary, TimelineEvent } from '../../types/domain'
import type { Actor } from './actor'
import { canHandleReport, canReadReport } from './permissions'
import { compareCodePoints, maskName } from './text'

export const ANONYMOUS_NAME = '匿名居民'

/**
 * A report as this viewer may see it. The reporter and the report's handlers see everything;
 * other residents (the public "me too" view) see neither a hidden name nor a full one.
 */
export function viewReport(report: Report, viewer: Actor): Report {
  if (canReadReport(viewer, report)) return report
  return {
    ...report,
    reporterId: '',
    reporterName: report.anonymous ? ANONYMOUS_NAME : maskName(report.reporterName),
    filedBy: undefined,
    beneficiary: undefined,
    assignee: report.assignee?.kind === 'department' ? report.assignee : undefined,
    rating: undefined,
    // Others only ever see a public report (no mark); the mark is for the report's people.
    moderation: undefined,
  }
}

/** Handlers see every step; residents see the public ones (an escalation memo is internal). */
export function viewTimeline(report: Report, events: TimelineEvent[], viewer: Actor): TimelineEvent[] {
  const handler = canHandleReport(viewer, report)
  return events.filter((e) => handler || e.public).sort((a, b) => compareCodePoints(a.at, b.at))
}

export function summarize(report: Report): ReportSummary {
  return {
    id: report.id,
    number: report.number,
    categoryId: report.categoryId,
    categoryName: report.categoryName,
    description: report.description,
    status: report.status,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    deadlineAt: report.deadlineAt,
    escalated: report.escalated,
    gridId: report.gridId,
    anonymous: report.anonymous,
    reporterName: report.reporterName,
    meTooCount: report.meTooCount,
    reopenCount: report.reopenCount,
    thumbnailUrl: report.photos[0]?.url,
    photoCount: report.photos.length,
    ...(report.moderation ? { moderation: report.moderation } : {}),
  }
}

/** Newest first, ties broken by id, so a keyset cursor is stable. */
export function compareNewestFirst(a: Pick<Report, 'createdAt' | 'id'>, b: Pick<Report, 'createdAt' | 'id'>): number {
  return compareCodePoints(b.createdAt, a.createdAt) || compareCodePoints(b.id, a.id)
}

/** Keyset cursor over (createdAt, id): opaque to clients, stable under inserts. */
export function encodeCursor(report: Pick<Report, 'createdAt' | 'id'>): string {
  return `${report.createdAt}|${report.id}`
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id, extra] = cursor.split('|')
  if (!createdAt || !id || extra !== undefined || Number.isNaN(Date.parse(createdAt))) return null
  return { createdAt, id }
}

export function isAfterCursor(report: Pick<Report, 'createdAt' | 'id'>, cursor: { createdAt: string; id: string }): boolean {
  return compareNewestFirst(cursor, report) < 0
}
