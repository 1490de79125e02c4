import type { Id, Report } from '../../../../types/domain'
import type { DashboardSpan, InboxFilter, ReportOwner, ReportRepository } from '../../../core/ports'
import { isOverdue } from '../../../domain/deadline'
import { compareCodePoints as compareText, compareInbox, isAfterPosition, type InboxPosition } from '../../../domain/inbox'
import { dashboardFacts } from '../../../domain/dashboard'
import { isTerminal } from '../../../domain/report-status'
import {
  answer,
  beforeKeyset,
  copy,
  defined,
  eventRow,
  forHousehold,
  instant,
  newestFirst,
  normalizeKeyset,
  optionalReportFields,
  pair,
  reportRow,
  reporterColumn,
  summaryRow,
} from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** An inbox keyset with its instants as stored. */
const normalizePosition = (p: InboxPosition): InboxPosition => ({ ...p, deadlineAt: instant(p.deadlineAt), createdAt: instant(p.createdAt) })

/**
 * The memory store's ReportRepository: reports with their numbers, timelines, idempotency keys and
 * 附议, and the lists over them (mine, open, the inbox, the dashboard).
 */

export function reportRepository(t: Tables, run: Run): ReportRepository {
  const events = (reportId: Id) => t.events.rows().filter((e) => e.reportId === reportId)
  return {
    create: (report, firstEvent) =>
      run(() => {
        const community = t.communities.get(report.communityId)
        if (!community) throw new Error(`memory store: no community ${report.communityId}`)
        mustExist(t.grids, report.gridId)
        mustExist(t.buildings, report.buildingId)
        mustExist(t.categories, report.categoryId)
        mustExist(t.users, reporterColumn(report))
        mustExist(t.users, report.filedBy?.id)
        mustExist(t.buildings, report.beneficiary?.buildingId)
        mustExist(t.reports, report.mergedIntoId)
        const seq = community.reportSeq + 1
        t.communities.replace({ ...community, reportSeq: seq })
        // The day as written in `createdAt` (the services write UTC instants), as the SQL store reads it.
        const number = `${community.reportPrefix}-${report.createdAt.slice(0, 10).replace(/-/g, '')}-${String(seq).padStart(4, '0')}`
        if (t.reports.rows().some((r) => r.number === number)) throw new Error(`memory store: duplicate report number ${number}`)
        t.reports.insert(reportRow({ ...report, number }))
        mustExist(t.reports, firstEvent.reportId)
        t.events.insert(eventRow(firstEvent))
        // What was handed in, numbered (as the SQL store answers).
        return copy({ ...report, number })
      }),
    find: (id) => run(() => answer(t.reports.get(id) ?? null)),
    findForUpdate: (id) => run(() => answer(t.reports.get(id) ?? null)),
    update: (report, expectedVersion) =>
      run(() => {
        const stored = t.reports.get(report.id)
        if (!stored || stored.version !== expectedVersion) return false
        mustExist(t.grids, report.gridId)
        mustExist(t.reports, report.mergedIntoId)
        const next: Report = {
          ...stored,
          gridId: report.gridId,
          status: report.status,
          updatedAt: instant(report.updatedAt),
          deadlineAt: instant(report.deadlineAt),
          escalated: report.escalated,
          reopenCount: report.reopenCount,
          version: report.version,
        }
        for (const key of ['assignee', 'acceptedAt', 'resolvedAt', 'rating', 'mergedIntoId'] as const) delete next[key]
        t.reports.replace(defined(Object.assign(next, optionalReportFields(report))))
        return true
      }),
    addEvent: (event) =>
      run(() => {
        mustExist(t.reports, event.reportId)
        t.events.insert(eventRow(event))
      }),
    listEvents: (reportId) =>
      run(() =>
        // Insertion order breaks ties at one instant (the SQL's `seq`); sort is stable.
        events(reportId)
          .slice()
          .sort((a, b) => compareText(a.at, b.at))
          .map(answer),
      ),
    findIdempotencyKey: (userId, key) =>
      run(() => {
        const k = t.idempotency.get(pair(userId, key))
        return k ? { fingerprint: k.fingerprint, reportId: k.reportId } : null
      }),
    claimIdempotencyKey: (record) =>
      run(() => {
        if (t.idempotency.has(pair(record.userId, record.key))) return false
        mustExist(t.users, record.userId)
        t.idempotency.insert({ userId: record.userId, key: record.key, fingerprint: record.fingerprint, reportId: record.reportId, at: instant(record.at) })
        return true
      }),
    addMeToo: (reportId, userId, at) =>
      run(() => {
        const report = t.reports.get(reportId)
        if (!report) throw new Error(`memory store: no report ${reportId}`)
        mustExist(t.users, userId)
        if (!t.meToo.has(pair(reportId, userId))) t.meToo.insert({ reportId, userId, at: instant(at) })
        const count = t.meToo.rows().filter((m) => m.reportId === reportId).length
        if (report.meTooCount !== count) t.reports.replace({ ...report, meTooCount: count })
        return count
      }),
    listMine: (owner: ReportOwner, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.reports
          .rows()
          .filter(
            (r) =>
              (reporterColumn(r) === owner.userId || r.filedBy?.id === owner.userId || (r.communityId === owner.communityId && forHousehold(r, owner.home))) &&
              beforeKeyset(r, after),
          )
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(summaryRow)
      }),
    listOpen: (filter, cursor, limit) =>
      run(() => {
        const after = normalizeKeyset(cursor)
        return t.reports
          .rows()
          .filter(
            (r) =>
              r.communityId === filter.communityId &&
              !isTerminal(r.status) &&
              !r.moderation &&
              (filter.categoryId === undefined || r.categoryId === filter.categoryId) &&
              beforeKeyset(r, after),
          )
          .sort(newestFirst)
          .slice(0, Math.max(0, limit))
          .map(answer)
      }),
    listInbox: (f: InboxFilter, now, after, limit) =>
      run(() => {
        const at = new Date(instant(now))
        return t.reports
          .rows()
          .filter(
            (r) =>
              r.communityId === f.communityId &&
              (f.gridIds === 'all' || f.gridIds.includes(r.gridId)) &&
              (!f.statuses?.length || f.statuses.includes(r.status)) &&
              (!f.categoryId || r.categoryId === f.categoryId) &&
              (!f.gridId || r.gridId === f.gridId) &&
              (!f.overdueOnly || isOverdue(r, at)) &&
              (!f.escalatedOnly || r.escalated) &&
              (!after || isAfterPosition(r, normalizePosition(after), at)),
          )
          .sort(compareInbox(at))
          .slice(0, Math.max(0, limit))
          .map(answer)
      }),
    dashboardFacts: (communityId, span: DashboardSpan) =>
      run(() => {
        const reports = t.reports.rows().filter((r) => r.communityId === communityId)
        const events = t.events.rows().filter((e) => e.action === 'resolve')
        return dashboardFacts({ communityId, reports, events, span: { from: instant(span.from), to: instant(span.to), chartFrom: instant(span.chartFrom), now: instant(span.now) } })
      }),
  }
}
