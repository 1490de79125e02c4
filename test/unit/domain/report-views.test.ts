import type { TimelineEvent } from '../../../types/domain'
import {
  ANONYMOUS_NAME,
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfterCursor,
  summarize,
  viewReport,
  viewTimeline,
} from '../../../src/domain/report-views'
import { CAST, makeReport } from '../support/domain-fixtures'

function event(over: Partial<TimelineEvent>): TimelineEvent {
  return {
    id: 'e',
    reportId: 'r-1',
    action: 'progress',
    fromStatus: 'accepted',
    toStatus: 'accepted',
    actorId: CAST.staff_here.id,
    actorName: '张敏',
    actorRole: 'staff',
    at: '2026-11-20T09:00:00.000Z',
    photos: [],
    public: true,
    ...over,
  }
}

describe('viewReport', () => {
  const assigned = makeReport({
    assignee: { kind: 'user', id: CAST.grid_worker_here.id, name: '孙丽' },
    rating: { level: 'satisfied', comment: '好', at: '2026-11-21T00:00:00.000Z' },
    filedBy: { id: CAST.building_leader.id, name: '周桂芳' },
  })

  it('hides an anonymous reporter from other residents', () => {
    const seen = viewReport({ ...assigned, anonymous: true }, CAST.resident)
    expect(seen.reporterName).toBe(ANONYMOUS_NAME)
    expect(seen.reporterName).toBe('匿名居民')
    expect(seen.reporterId).toBe('')
    expect(seen.filedBy).toBeUndefined()
  })

  it('shows other residents only a masked name of a named reporter', () => {
    const seen = viewReport(assigned, CAST.resident)
    expect(seen.reporterName).toBe('王**')
    expect(seen.reporterId).toBe('')
  })

  it('hides a personal assignee and the rating from other residents, but not a department', () => {
    const seen = viewReport(assigned, CAST.resident)
    expect(seen.assignee).toBeUndefined()
    expect(seen.rating).toBeUndefined()
    const dept = makeReport({ assignee: { kind: 'department', id: 'd-property', name: '物业服务中心' } })
    expect(viewReport(dept, CAST.resident).assignee).toEqual({ kind: 'department', id: 'd-property', name: '物业服务中心' })
  })

  it('shows the reporter and the handlers everything, anonymous or not', () => {
    const anonymous = { ...assigned, anonymous: true }
    for (const viewer of [CAST.reporter, CAST.staff_here, CAST.grid_worker_here]) {
      expect(viewReport(anonymous, viewer)).toEqual(anonymous)
    }
  })

  it('does not change the report it was given', () => {
    const report = makeReport()
    viewReport(report, CAST.resident)
    expect(report.reporterName).toBe('王秀兰')
  })
})

describe('viewTimeline', () => {
  const report = makeReport()
  const events = [
    event({ id: 'e3', action: 'escalate', at: '2026-11-20T12:00:00.000Z', public: false, note: '请主任督办' }),
    event({ id: 'e1', action: 'submit', fromStatus: null, toStatus: 'submitted', at: '2026-11-20T08:00:00.000Z' }),
    event({ id: 'e2', action: 'accept', fromStatus: 'submitted', toStatus: 'accepted', at: '2026-11-20T10:00:00.000Z' }),
  ]

  it('hides internal events from the reporter, oldest first', () => {
    expect(viewTimeline(report, events, CAST.reporter).map((e) => e.id)).toEqual(['e1', 'e2'])
  })

  it('shows internal events to the handlers, oldest first', () => {
    expect(viewTimeline(report, events, CAST.staff_here).map((e) => e.id)).toEqual(['e1', 'e2', 'e3'])
    expect(viewTimeline(report, events, CAST.grid_worker_here).map((e) => e.id)).toEqual(['e1', 'e2', 'e3'])
  })

  it('hides internal events from other residents and handlers of other grids', () => {
    expect(viewTimeline(report, events, CAST.resident).map((e) => e.id)).toEqual(['e1', 'e2'])
    expect(viewTimeline(report, events, CAST.grid_worker_elsewhere).map((e) => e.id)).toEqual(['e1', 'e2'])
  })

  it('hides internal events from the neighbour who filed it on the reporter’s behalf', () => {
    const filed = makeReport({ filedBy: { id: CAST.building_leader.id, name: '周桂芳' } })
    expect(viewTimeline(filed, events, CAST.building_leader).map((e) => e.id)).toEqual(['e1', 'e2'])
  })

  it('leaves the input array untouched', () => {
    const input = [...events]
    viewTimeline(report, input, CAST.staff_here)
    expect(input.map((e) => e.id)).toEqual(['e3', 'e1', 'e2'])
  })
})

describe('summarize', () => {
  it('carries the list fields, the first photo as thumbnail and the photo count', () => {
    const report = makeReport({ photos: [{ id: 'p1', url: 'u1' }, { id: 'p2', url: 'u2' }], meTooCount: 3 })
    const summary = summarize(report)
    expect(summary.thumbnailUrl).toBe('u1')
    expect(summary.photoCount).toBe(2)
    expect(summary.meTooCount).toBe(3)
    expect(summary).not.toHaveProperty('location')
    expect(summary).not.toHaveProperty('reporterId')
  })

  it('has no thumbnail without photos', () => {
    expect(summarize(makeReport()).thumbnailUrl).toBeUndefined()
    expect(summarize(makeReport()).photoCount).toBe(0)
  })
})

describe('keyset cursor', () => {
  const rows = [
    { id: 'r-a', createdAt: '2026-11-20T08:00:00.000Z' },
    { id: 'r-c', createdAt: '2026-11-21T08:00:00.000Z' },
    { id: 'r-b', createdAt: '2026-11-20T08:00:00.000Z' },
    { id: 'r-d', createdAt: '2026-11-19T08:00:00.000Z' },
  ]

  it('orders newest first, ties broken by id', () => {
    expect([...rows].sort(compareNewestFirst).map((r) => r.id)).toEqual(['r-c', 'r-b', 'r-a', 'r-d'])
  })

  it('round-trips a row through encode and decode', () => {
    const cursor = encodeCursor(rows[1])
    expect(typeof cursor).toBe('string')
    expect(decodeCursor(cursor)).toEqual({ createdAt: rows[1].createdAt, id: 'r-c' })
  })

  it('refuses a cursor it did not make', () => {
    expect(decodeCursor('')).toBeNull()
    expect(decodeCursor('garbage')).toBeNull()
    expect(decodeCursor('not-a-date|r-1')).toBeNull()
    expect(decodeCursor('2026-11-20T08:00:00.000Z|')).toBeNull()
  })

  it('resumes strictly after the cursor row, without skipping ties', () => {
    const sorted = [...rows].sort(compareNewestFirst)
    const cursor = decodeCursor(encodeCursor(sorted[1]))!
    expect(sorted.filter((r) => isAfterCursor(r, cursor)).map((r) => r.id)).toEqual(['r-a', 'r-d'])
  })

  it('pages through every row exactly once', () => {
    const sorted = [...rows].sort(compareNewestFirst)
    const seen: string[] = []
    let cursor: string | undefined
    for (let guard = 0; guard < 10; guard++) {
      const decoded = cursor ? decodeCursor(cursor)! : null
      const page = sorted.filter((r) => !decoded || isAfterCursor(r, decoded)).slice(0, 1)
      if (page.length === 0) break
      seen.push(...page.map((r) => r.id))
      cursor = encodeCursor(page[page.length - 1])
    }
    expect(seen).toEqual(['r-c', 'r-b', 'r-a', 'r-d'])
  })
})
